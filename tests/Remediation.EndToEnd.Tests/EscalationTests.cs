using Remediation.EndToEnd.Tests.Stack;
using Xunit.Abstractions;

namespace Remediation.EndToEnd.Tests;

/// <summary>
/// Scenario c: v0 was replaced by v1 before it was ever trusted, so v1 is the only healthy version known; v2 is deployed
/// and v1 turns bad too. After the rollback to v1 fails its verification no healthy version remains: the incident is
/// escalated to humans, automation stops for the service (HAProxy stays where the last rollback put it), and the
/// postmortem report says why.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class EscalationTests(EndToEndSystem stack, ITestOutputHelper output)
{
    [Fact]
    public async Task When_no_healthy_version_remains_the_incident_is_escalated_with_its_report()
    {
        var shop = stack.Environments[EndToEndSystem.Exhausted];
        var scenario = new Scenario(stack, shop, output);
        await scenario.RunAsync(async () =>
        {
            await stack.HistoryAsync(shop.Name);

            await shop.SetBehaviourAsync("v1", stack.Settings.BadErrorRatio, stack.Settings.BadLatencyMs);
            var deployedAt = await shop.DeployAsync(stack.Remediation, "v2");

            await scenario.ServingAsync("v1", stack.Settings.RollbackBound);
            var incident = await scenario.IncidentAsync("escalated", stack.Settings.VerifyFor * 2 + TimeSpan.FromMinutes(2));
            scenario.Print(incident.Timings("exhausted", deployedAt));

            Assert.Equal("chain-exhausted", incident.EscalationReasonCode);
            Assert.Equal(["v2", "v1"], incident.Chain);
            Assert.Equal(["v2 → v1"], incident.RollbacksCompleted.Select(r => $"{r.From} → {r.To}"));
            Assert.Contains("fallback.blocked", await scenario.DecisionRulesAsync(incident.Id));
            var service = await stack.Remediation.ServiceAsync(shop.Name, ShopEnvironment.Service);
            Assert.Equal("Escalated", service?.Text("state"));
            Assert.Equal("v1", await shop.ServingVersionAsync());

            var report = await scenario.ReportAsync(incident);
            Assert.Contains(report.Items("preventiveActions"), a => a.Text("rule") == "escalated");
            await scenario.NotifiedAsync(incident, "IncidentEscalated");
        });
    }
}
