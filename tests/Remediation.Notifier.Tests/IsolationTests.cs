using Microsoft.AspNetCore.Http;
using Remediation.Contracts.Incidents;
using Remediation.Notifier.Persistence;
using Remediation.Notifier.Tests.Receivers;

namespace Remediation.Notifier.Tests;

public sealed class IsolationTests
{
    [Fact]
    public async Task A_channel_that_hangs_does_not_delay_another_channel_or_the_consumer()
    {
        await using var bench = await ChannelBench.StartAsync();
        var settings = bench.Configuration("slack", "teams");
        settings["Remediation:Notifier:Channels:slack:Timeout"] = "00:01:00";
        settings["Remediation:Notifier:Channels:slack:Retry:MaxRetries"] = "0";
        await using var host = await NotifierTestHost.StartAsync(settings);
        var release = new TaskCompletionSource<IResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bench.Slack.AnswerAlways(_ => release.Task);
        var story = new IncidentStory();

        try
        {
            await host.PublishAsync(story.Opened(), story.RollbackRequested());

            await bench.Teams.WaitForRequestsAsync(2);
            await host.WaitForAsync(all => all.Count(n => n.Channel == "teams" && n.Status == NotificationStatus.Delivered) == 2, "Teams delivered both");
            Assert.Equal(2, host.Harness.Consumed.Select<IncidentOpened>().Count() + host.Harness.Consumed.Select<Contracts.Rollbacks.RollbackRequested>().Count());

            // Slack's first request is still hanging, and its second waits behind it (same incident, same channel).
            Assert.Single(bench.Slack.Requests);
            Assert.All((await host.NotificationsAsync()).Where(n => n.Channel == "slack"), n => Assert.Equal(NotificationStatus.Pending, n.Status));
        }
        finally
        {
            release.SetResult(Results.Text("ok"));
        }

        await host.WaitUntilSettledAsync(4);
        Assert.Equal(2, bench.Slack.Requests.Count);
    }

    [Fact]
    public async Task A_channel_that_always_fails_keeps_retrying_while_another_delivers_every_incident()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("slack", "webhook"));
        bench.Slack.AnswerAlways(_ => Task.FromResult(Answers.Status(503, "rollup_error")));
        var stories = Enumerable.Range(0, 3).Select(_ => new IncidentStory()).ToList();

        await host.PublishAsync([.. stories.SelectMany(s => new object[] { s.Opened(), s.RollbackRequested() })]);

        await host.WaitForAsync(all => all.Count(n => n.Channel == "webhook" && n.Status == NotificationStatus.Delivered) == 6, "the webhook delivered all six");
        var slack = (await host.NotificationsAsync()).Where(n => n.Channel == "slack").ToList();
        Assert.Equal(6, slack.Count);
        Assert.All(slack, n => Assert.Equal(NotificationStatus.Pending, n.Status));
        Assert.Empty(bench.Webhook.Rejections);
    }
}
