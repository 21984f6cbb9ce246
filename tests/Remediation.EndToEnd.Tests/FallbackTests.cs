using Remediation.EndToEnd.Tests.Stack;
using Xunit.Abstractions;

namespace Remediation.EndToEnd.Tests;

/// <summary>
/// Scenario b: v0 and v1 were each trusted after their soak; v2 is deployed, and v1 turns bad too (as when a release
/// changes data the previous version cannot read). The rollback to v1 does not cure the service within its
/// verification period, so the decision falls back to v0, which does: the incident resolves on v0.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class FallbackTests(EndToEndSystem stack, ITestOutputHelper output)
{
    [Fact]
    public async Task When_the_previous_version_is_bad_too_the_incident_falls_back_to_the_one_before_and_resolves_there()
    {
        var shop = stack.Environments[EndToEndSystem.Fallback];
        var scenario = new Scenario(stack, shop, output);
        await scenario.RunAsync(async () =>
        {
            await stack.HistoryAsync(shop.Name);

            await shop.SetBehaviourAsync("v1", stack.Settings.BadErrorRatio, stack.Settings.BadLatencyMs);
            var deployedAt = await shop.DeployAsync(stack.Remediation, "v2");

            await scenario.ServingAsync("v0", stack.Settings.RollbackBound + stack.Settings.VerifyFor * 2);
            await scenario.TrafficRecoversAsync();
            var incident = await scenario.IncidentAsync("resolved", stack.Settings.VerifyFor * 2 + TimeSpan.FromMinutes(2));
            scenario.Print(incident.Timings("fallback", deployedAt));

            Assert.Equal(["v2", "v1", "v0"], incident.Chain);
            Assert.Equal("v0", incident.FinalVersion);
            Assert.Equal(["v2 → v1", "v1 → v0"], incident.RollbacksCompleted.Select(r => $"{r.From} → {r.To}"));
            Assert.Contains("fallback.next-version", await scenario.DecisionRulesAsync(incident.Id));
            Assert.Equal("v0", await shop.ServingVersionAsync());

            await scenario.AlertsResolvedAsync();
            var report = await scenario.ReportAsync(incident);
            Assert.Equal(2, report.Get("rollback").Items("steps").Count());
            await scenario.NotifiedAsync(incident, "IncidentResolved");
        });
    }
}
