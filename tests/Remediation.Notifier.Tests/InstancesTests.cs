using Remediation.Notifier.Persistence;

namespace Remediation.Notifier.Tests;

public sealed class InstancesTests
{
    [Fact]
    public async Task Two_notifier_instances_on_one_database_deliver_each_notification_once()
    {
        await using var bench = await ChannelBench.StartAsync();
        var settings = bench.Configuration("slack", "webhook", "jira");
        await using var first = await NotifierTestHost.StartAsync(settings);
        await using var second = await NotifierTestHost.StartAsync(settings, sharedWith: first);
        var stories = Enumerable.Range(0, 4).Select(_ => new IncidentStory()).ToList();

        // Each instance consumes half of the events, as two consumers of one queue would; both dispatchers deliver.
        await Task.WhenAll(
            first.PublishAsync([.. stories.SelectMany(s => new object[] { s.Opened(), s.RollbackCompleted() })]),
            second.PublishAsync([.. stories.SelectMany(s => new object[] { s.RollbackRequested(), s.Resolved() })]));
        await first.WaitUntilSettledAsync(4 * 4 * 3);

        var notifications = await first.NotificationsAsync();
        Assert.All(notifications, n => Assert.Equal(NotificationStatus.Delivered, n.Status));
        Assert.All(notifications, n => Assert.Equal(1, n.Attempts));
        Assert.Equal(16, bench.Slack.Requests.Count);
        Assert.Equal(16, bench.Webhook.Requests.Count);
        Assert.Equal(16, bench.Jira.Requests.Count);
        Assert.Equal(4, bench.Jira.Issues.Count);
        Assert.Equal(16, bench.Webhook.Requests.Select(r => r.Header("x-remediation-delivery")).Distinct().Count());
        Assert.Empty(bench.Jira.Rejections);
    }
}
