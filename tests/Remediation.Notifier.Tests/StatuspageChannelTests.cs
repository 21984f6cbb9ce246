using Remediation.Contracts.Signals;
using Remediation.Notifier.Tests.Receivers;

namespace Remediation.Notifier.Tests;

public sealed class StatuspageChannelTests
{
    [Fact]
    public async Task The_public_incident_goes_investigating_identified_monitoring_resolved_and_components_recover()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("statuspage"));

        await host.PublishAsync([.. new IncidentStory().All()]);
        await host.WaitUntilSettledAsync(4);

        Assert.Empty(bench.Statuspage.Rejections);
        var incident = Assert.Single(bench.Statuspage.Incidents.Values);
        Assert.Equal("Degraded service: checkout", incident.Name);
        Assert.Equal(["investigating", "identified", "monitoring", "resolved"], incident.Updates.Select(u => u.Status));
        Assert.DoesNotContain(incident.Updates, u => u.Body.Contains("v2", StringComparison.Ordinal));
        Assert.All(bench.Statuspage.ComponentStatus.Values, s => Assert.Equal("operational", s));

        var create = bench.Statuspage.Requests[0];
        Assert.Equal("POST", create.Method);
        Assert.Equal("major_outage", create.Json!["incident"]!["components"]![StatuspageReceiver.Components[0]]!.GetValue<string>());
        Assert.Equal("critical", create.Json!["incident"]!["impact_override"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_major_incident_marks_components_as_partial_outage()
    {
        await using var bench = await ChannelBench.StartAsync();
        var settings = bench.Configuration("statuspage");
        await using var host = await NotifierTestHost.StartAsync(settings,
            "services:\n  - name: checkout\n    environment: production\n    target: { driver: none }\n    notify: { major: [statuspage] }\n");

        await host.PublishAsync(new IncidentStory(Severity.Major).Opened());
        await host.WaitUntilSettledAsync(1);

        Assert.All(bench.Statuspage.ComponentStatus.Values, s => Assert.Equal("partial_outage", s));
    }
}
