using Remediation.Notifier.Persistence;
using Remediation.Notifier.Tests.Receivers;

namespace Remediation.Notifier.Tests;

public sealed class RetryTests
{
    [Fact]
    public async Task A_429_is_retried_no_sooner_than_its_Retry_After()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("slack"));
        bench.Slack.AnswerNext(_ => Answers.TooManyRequests(2));

        await host.PublishAsync(new IncidentStory().Opened());
        await host.WaitUntilSettledAsync(1);

        var requests = bench.Slack.Requests;
        Assert.Equal([429, 200], requests.Select(r => r.AnsweredStatus));
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(1.95),
            $"retried after {requests[1].ReceivedAt - requests[0].ReceivedAt}, before the 2 s Retry-After");
        var notification = Assert.Single(await host.NotificationsAsync());
        Assert.Equal(NotificationStatus.Delivered, notification.Status);
        var attempts = await host.AttemptsAsync(notification.Id);
        Assert.Equal([429, 200], attempts.Select(a => a.HttpStatus ?? 0));
        Assert.Equal(2, attempts[0].RetryAfterSeconds);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_delivered_and_every_attempt_is_recorded()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("pagerduty"));
        bench.PagerDuty.AnswerNext(_ => Answers.Status(503, "upstream unavailable"), _ => Answers.Status(500, "internal error"));

        await host.PublishAsync(new IncidentStory().Opened());
        await host.WaitUntilSettledAsync(1);

        var notification = Assert.Single(await host.NotificationsAsync());
        Assert.Equal(NotificationStatus.Delivered, notification.Status);
        Assert.Equal(3, notification.Attempts);
        var attempts = await host.AttemptsAsync(notification.Id);
        Assert.Equal(["retryable", "retryable", "delivered"], attempts.Select(a => a.Outcome));
        Assert.Equal([503, 500, 202], attempts.Select(a => a.HttpStatus ?? 0));
        Assert.Equal("upstream unavailable", attempts[0].Error);
        Assert.All(attempts, a => Assert.Equal("trigger", a.Step));
        Assert.Equal("triggered", bench.PagerDuty.Alerts.Values.Single());
    }

    [Fact]
    public async Task A_Retry_After_longer_than_a_run_waits_reschedules_the_notification_instead_of_holding_a_worker()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("slack"));
        bench.Slack.AnswerNext(_ => Answers.TooManyRequests(120));

        await host.PublishAsync(new IncidentStory().Opened());
        await host.WaitForAsync(all => all.Count == 1 && all[0].Runs == 1, "the first run ended");

        var notification = Assert.Single(await host.NotificationsAsync());
        Assert.Equal(NotificationStatus.Pending, notification.Status);
        var attempt = Assert.Single(await host.AttemptsAsync(notification.Id));
        Assert.True(notification.NextAttemptAt >= attempt.StartedAt + TimeSpan.FromSeconds(119), $"next run at {notification.NextAttemptAt}, attempt at {attempt.StartedAt}");
        Assert.Single(bench.Slack.Requests);
    }

    [Fact]
    public async Task A_channel_failing_past_give_up_after_is_marked_failed_with_its_last_error()
    {
        await using var bench = await ChannelBench.StartAsync();
        var settings = bench.Configuration("slack");
        settings["Remediation:Notifier:Channels:slack:Retry:MaxRetries"] = "1";
        settings["Remediation:Notifier:Channels:slack:Retry:GiveUpAfter"] = "00:00:01";
        await using var host = await NotifierTestHost.StartAsync(settings);
        bench.Slack.AnswerAlways(_ => Task.FromResult(Answers.Status(500, "rollup_error")));

        await host.PublishAsync(new IncidentStory().Opened());
        await host.WaitUntilSettledAsync(1);

        var notification = Assert.Single(await host.NotificationsAsync());
        Assert.Equal(NotificationStatus.Failed, notification.Status);
        Assert.StartsWith($"Gave up after {notification.Attempts} attempts", notification.LastError, StringComparison.Ordinal);
        Assert.EndsWith("rollup_error", notification.LastError, StringComparison.Ordinal);
        Assert.True(notification.Runs >= 2, $"rescheduled runs: {notification.Runs}");
        Assert.Equal(notification.Attempts, (await host.AttemptsAsync(notification.Id)).Count);
    }

    [Fact]
    public async Task The_channel_rate_limit_spaces_requests()
    {
        await using var bench = await ChannelBench.StartAsync();
        var settings = bench.Configuration("webhook");
        settings["Remediation:Notifier:Channels:webhook:RateLimit:PerSecond"] = "2";
        settings["Remediation:Notifier:Channels:webhook:RateLimit:Burst"] = "1";
        settings["Remediation:Notifier:Channels:webhook:MaxConcurrency"] = "4";
        await using var host = await NotifierTestHost.StartAsync(settings);
        var stories = Enumerable.Range(0, 5).Select(_ => new IncidentStory(Contracts.Signals.Severity.Minor)).ToList();

        await host.PublishAsync([.. stories.Select(s => s.Opened())]);
        await host.WaitUntilSettledAsync(5);

        var requests = bench.Webhook.Requests;
        Assert.Equal(5, requests.Count);
        // One token every 500 ms after the first: five requests span at least three full periods.
        Assert.True(requests[^1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(1.5),
            $"five requests within {requests[^1].ReceivedAt - requests[0].ReceivedAt}");
    }
}
