using Remediation.Contracts.Signals;

namespace Remediation.Notifier.Tests;

public sealed class OrderingTests
{
    [Fact]
    public async Task Statuspage_is_created_before_it_is_updated_even_when_the_updates_arrive_first()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("statuspage", "pagerduty"));
        var story = new IncidentStory(Severity.Critical);

        await host.PublishAsync(story.RollbackCompleted(), story.RollbackRequested(), story.Resolved());
        await Eventually.TrueAsync(() => host.QueryAsync(db => Task.FromResult(db.Events.Count(e => e.RoutedAt == null) == 3)), because: "three events wait for the incident");
        await host.PublishAsync(story.Opened());
        await host.WaitUntilSettledAsync(7);

        Assert.Empty(bench.Statuspage.Rejections);
        Assert.Equal(["POST", "PATCH", "PATCH", "PATCH"], bench.Statuspage.Requests.Select(r => r.Method));
        var incident = Assert.Single(bench.Statuspage.Incidents.Values);
        Assert.Equal(["investigating", "identified", "monitoring", "resolved"], incident.Updates.Select(u => u.Status));
        Assert.Equal(["trigger", "resolve"], bench.PagerDuty.Events.Select(e => e["event_action"]!.GetValue<string>()));
    }
}
