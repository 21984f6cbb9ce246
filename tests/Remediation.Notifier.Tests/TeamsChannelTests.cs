using Remediation.Notifier.Persistence;
using Remediation.Notifier.Tests.Receivers;

namespace Remediation.Notifier.Tests;

public sealed class TeamsChannelTests
{
    [Fact]
    public async Task Every_event_of_an_incident_reaches_Teams_as_an_adaptive_card()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("teams"));

        await host.PublishAsync([.. new IncidentStory().All()]);
        await host.WaitUntilSettledAsync(5);

        Assert.Empty(bench.Teams.Rejections);
        Assert.Equal(5, bench.Teams.Accepted.Count);
        Assert.All(bench.Teams.Accepted, r =>
            Assert.Equal("AdaptiveCard", r.Json!["attachments"]![0]!["content"]!["type"]!.GetValue<string>()));
        Assert.Contains(bench.Teams.Accepted, r => r.Body.Contains(IncidentStory.RollbackReason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throttling_reported_in_a_200_body_is_retried()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("teams"));
        bench.Teams.AnswerNext(_ => TeamsReceiver.Throttled());

        await host.PublishAsync(new IncidentStory().Opened());
        await host.WaitUntilSettledAsync(1);

        var notification = Assert.Single(await host.NotificationsAsync());
        Assert.Equal(NotificationStatus.Delivered, notification.Status);
        var attempts = await host.AttemptsAsync(notification.Id);
        Assert.Equal(["retryable", "delivered"], attempts.Select(a => a.Outcome));
        Assert.Contains("HTTP error 429", attempts[0].Error, StringComparison.Ordinal);
    }
}
