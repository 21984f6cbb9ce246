namespace Remediation.Notifier.Tests;

public sealed class DeduplicationTests
{
    /// <summary>Messages each channel sends for <see cref="IncidentStory.All"/> on a critical incident.</summary>
    internal static readonly Dictionary<string, int> MessagesPerChannel = new()
    {
        // Opened, RollbackRequested, RollbackCompleted, verifying decision, Resolved (the rollback decision has its own event).
        ["slack"] = 5, ["teams"] = 5, ["webhook"] = 5,
        // Create, then a comment or work note per later event.
        ["jira"] = 5, ["servicenow"] = 5,
        // Trigger, change event for the rollback, resolve.
        ["pagerduty"] = 3,
        // Investigating, identified, monitoring, resolved.
        ["statuspage"] = 4,
    };

    [Fact]
    public async Task The_same_event_published_twice_gives_one_notification_per_channel()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("slack", "webhook"));
        var opened = new IncidentStory().Opened();

        await host.PublishAsync(opened, opened);
        await Eventually.TrueAsync(() => host.Harness.Consumed.Select<Contracts.Incidents.IncidentOpened>().Count() == 2, because: "both deliveries consumed");
        await host.WaitUntilSettledAsync(2);

        Assert.Equal(["slack", "webhook"], (await host.NotificationsAsync()).Select(n => n.Channel).Order());
        Assert.Single(bench.Slack.Requests);
        Assert.Single(bench.Webhook.Requests);
    }

    [Fact]
    public async Task A_full_incident_delivered_twice_gives_exactly_one_message_per_channel_per_event()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration());
        var story = new IncidentStory();
        var events = story.All();

        // Every event twice, the duplicates interleaved with the originals, as a redelivering broker would.
        await Task.WhenAll(host.PublishAsync([.. events]), host.PublishAsync([.. events]));
        await host.WaitUntilSettledAsync(MessagesPerChannel.Values.Sum());

        foreach (var (channel, expected) in MessagesPerChannel)
        {
            var receiver = bench[channel];
            Assert.Empty(receiver.Rejections);
            Assert.True(expected == receiver.Requests.Count, $"{channel}: expected {expected} messages, got {receiver.Requests.Count}");
        }

        var notifications = await host.NotificationsAsync();
        Assert.Equal(MessagesPerChannel.Values.Sum(), notifications.Count);
        Assert.Equal(notifications.Count, notifications.Select(n => (n.EventKey, n.Channel)).Distinct().Count());
        Assert.Single(bench.Jira.Issues);
        Assert.Single(bench.ServiceNow.Incidents);
        Assert.Single(bench.Statuspage.Incidents);
        Assert.Single(bench.PagerDuty.Alerts);
    }
}
