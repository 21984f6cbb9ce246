using Remediation.Contracts.Approvals;
using Remediation.Notifier.Channels.PagerDuty;
using Remediation.Notifier.Persistence;

namespace Remediation.Notifier.Tests;

public sealed class PagerDutyChannelTests
{
    [Fact]
    public async Task An_incident_triggers_one_alert_sends_a_change_event_for_the_rollback_and_resolves_with_the_same_dedup_key()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("pagerduty"));
        var story = new IncidentStory();

        await host.PublishAsync([.. story.All()]);
        await host.WaitUntilSettledAsync(3);

        Assert.Empty(bench.PagerDuty.Rejections);
        var dedupKey = PagerDutyChannel.DedupKey(story.IncidentId);
        Assert.Equal(["trigger", "resolve"], bench.PagerDuty.Events.Select(e => e["event_action"]!.GetValue<string>()));
        Assert.All(bench.PagerDuty.Events, e => Assert.Equal(dedupKey, e["dedup_key"]!.GetValue<string>()));
        Assert.Equal("resolved", bench.PagerDuty.Alerts[dedupKey]);

        var trigger = bench.PagerDuty.Events[0]["payload"]!;
        Assert.Equal("critical", trigger["severity"]!.GetValue<string>());
        Assert.Equal("production/checkout", trigger["source"]!.GetValue<string>());
        Assert.Contains("error_rate 0.12 > 0.05", trigger["custom_details"]!["signals"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var change = Assert.Single(bench.PagerDuty.Changes);
        Assert.Equal("checkout (production): rolled back v2 → v1", change["payload"]!["summary"]!.GetValue<string>());

        var reference = await host.QueryAsync(db => Task.FromResult(db.References.Single()));
        Assert.Equal(dedupKey, reference.ExternalId);
        Assert.Equal("resolved", reference.State);
    }

    [Fact]
    public async Task A_person_approving_acknowledges_the_alert()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("pagerduty"));
        var story = new IncidentStory();
        var approval = new ApprovalDecided
        {
            ApprovalId = Guid.NewGuid(), IncidentId = story.IncidentId, Environment = story.Environment, Service = story.Service,
            Approved = true, DecidedBy = "bob", OccurredAt = DateTimeOffset.UtcNow,
        };

        await host.PublishAsync(story.Opened(), approval);
        await host.WaitUntilSettledAsync(2);

        Assert.Equal(["trigger", "acknowledge"], bench.PagerDuty.Events.Select(e => e["event_action"]!.GetValue<string>()));
        Assert.Equal("acknowledged", bench.PagerDuty.Alerts[PagerDutyChannel.DedupKey(story.IncidentId)]);
    }

    [Fact]
    public async Task A_resolution_without_an_alert_is_skipped_rather_than_sent()
    {
        await using var bench = await ChannelBench.StartAsync();
        var settings = bench.Configuration("pagerduty");
        settings["Remediation:Notifier:Channels:pagerduty:Events:0"] = "IncidentResolved";
        await using var host = await NotifierTestHost.StartAsync(settings);
        var story = new IncidentStory();

        await host.PublishAsync(story.Opened(), story.Resolved());
        await host.WaitUntilSettledAsync(1);

        var notification = Assert.Single(await host.NotificationsAsync());
        Assert.Equal(NotificationStatus.Skipped, notification.Status);
        Assert.Empty(bench.PagerDuty.Requests);
    }
}
