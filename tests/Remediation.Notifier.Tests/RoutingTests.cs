using Remediation.Contracts.Remediations;
using Remediation.Contracts.Signals;

namespace Remediation.Notifier.Tests;

public sealed class RoutingTests
{
    private const string Policy = """
        services:
          - name: checkout
            environment: production
            target: { driver: none }
            notify: { minor: [teams], critical: [pagerduty, slack] }
        """;

    private static async Task<string[]> ChannelsToldAsync(NotifierTestHost host) =>
        [.. (await host.NotificationsAsync()).Select(n => n.Channel).Distinct().Order()];

    [Theory]
    [InlineData(Severity.Minor, new[] { "slack", "teams", "webhook" })]
    [InlineData(Severity.Major, new[] { "jira", "servicenow", "slack", "teams", "webhook" })]
    [InlineData(Severity.Critical, new[] { "jira", "pagerduty", "servicenow", "slack", "statuspage", "teams", "webhook" })]
    public async Task Without_routes_in_the_policy_severity_picks_chat_tickets_paging_and_status_page(Severity severity, string[] expected)
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration());

        await host.PublishAsync(new IncidentStory(severity).Opened());
        await host.WaitUntilSettledAsync(expected.Length);

        Assert.Equal(expected, await ChannelsToldAsync(host));
        Assert.All(bench.All, r => Assert.Empty(r.Rejections));
    }

    [Theory]
    [InlineData(Severity.Minor, new[] { "teams" })]
    [InlineData(Severity.Major, new[] { "teams" })]
    [InlineData(Severity.Critical, new[] { "pagerduty", "slack" })]
    public async Task The_policy_routes_each_severity_to_the_channels_it_names(Severity severity, string[] expected)
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration(), Policy);
        var story = new IncidentStory(severity);

        await host.PublishAsync(story.Opened(), story.RollbackRequested());
        await host.WaitUntilSettledAsync(expected.Length);

        Assert.Equal(expected, await ChannelsToldAsync(host));
    }

    [Fact]
    public async Task An_escalation_raises_the_severity_so_the_incident_pages_and_the_page_is_resolved()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("slack", "pagerduty"));
        var story = new IncidentStory(Severity.Minor);

        await host.PublishAsync(story.Opened());
        await host.WaitUntilSettledAsync(1);
        await host.PublishAsync(story.Escalated());
        await host.WaitUntilSettledAsync(3);
        await host.PublishAsync(story.Resolved());
        await host.WaitUntilSettledAsync(5);

        var told = (await host.NotificationsAsync()).Select(n => $"{n.Channel}:{n.Kind}").ToList();
        Assert.Equal(["pagerduty:IncidentEscalated", "pagerduty:IncidentResolved", "slack:IncidentEscalated", "slack:IncidentOpened", "slack:IncidentResolved"],
            told.Order());
        Assert.Equal(["trigger", "resolve"], bench.PagerDuty.Events.Select(e => e["event_action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_event_that_arrives_before_its_incident_opens_waits_and_follows_the_incident_severity()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("slack", "pagerduty", "jira"));
        var story = new IncidentStory(Severity.Minor);

        await host.PublishAsync(story.RollbackRequested());
        await Eventually.TrueAsync(() => host.QueryAsync(db => Task.FromResult(db.Events.Any(e => e.RoutedAt == null))), because: "the event waits for its incident");
        Assert.Empty(await host.NotificationsAsync());

        await host.PublishAsync(story.Opened());
        await host.WaitUntilSettledAsync(2);

        Assert.Equal(["slack:IncidentOpened", "slack:RollbackRequested"], (await host.NotificationsAsync()).Select(n => $"{n.Channel}:{n.Kind}").Order());
        Assert.Equal(["IncidentOpened", "RollbackRequested"], bench.Slack.Accepted.Select(r => r.Body.Contains("incident opened", StringComparison.Ordinal) ? "IncidentOpened" : "RollbackRequested"));
    }

    [Fact]
    public async Task An_event_of_an_incident_never_seen_opening_is_routed_as_major_after_the_grace()
    {
        await using var bench = await ChannelBench.StartAsync();
        var settings = bench.Configuration("slack", "pagerduty", "jira");
        settings["Remediation:Notifier:Dispatch:RoutingGrace"] = "00:00:00.500";
        await using var host = await NotifierTestHost.StartAsync(settings);

        await host.PublishAsync(new IncidentStory().RollbackRequested());
        await host.WaitUntilSettledAsync(2);

        Assert.Equal(["jira", "slack"], await ChannelsToldAsync(host));
        Assert.Contains(host.Logs.Lines, l => l.Contains("was not seen opening", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_runbook_notify_step_goes_to_the_channel_it_names_only()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("slack", "teams"));
        var story = new IncidentStory(Severity.Minor);
        var notice = new RemediationRequested
        {
            RequestId = Guid.NewGuid(), IncidentId = story.IncidentId, Environment = story.Environment, Service = story.Service,
            Action = "notify", Parameters = new Dictionary<string, string> { ["channel"] = "teams", ["message"] = "Cache nodes are being recycled" },
            Reason = "runbook step 1 of checkout", OccurredAt = DateTimeOffset.UtcNow,
        };

        await host.PublishAsync(story.Opened(), notice);
        await host.WaitUntilSettledAsync(3);

        Assert.Equal(["slack:IncidentOpened", "teams:IncidentOpened", "teams:RemediationRequested"],
            (await host.NotificationsAsync()).Select(n => $"{n.Channel}:{n.Kind}").Order());
        Assert.Contains(bench.Teams.Accepted, r => r.Body.Contains("Cache nodes are being recycled", StringComparison.Ordinal));
    }
}
