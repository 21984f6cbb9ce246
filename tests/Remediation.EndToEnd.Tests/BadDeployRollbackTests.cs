using Remediation.EndToEnd.Tests.Stack;
using Xunit.Abstractions;

namespace Remediation.EndToEnd.Tests;

/// <summary>
/// Scenario a: v1 runs and is trusted; v2 is deployed and fails half its requests, slowly. Real alerts fire on real
/// traffic, the detector sees both signals, the decision rolls back, the executor switches HAProxy back to v1, users get
/// only successful answers again, the alerts resolve, the incident resolves and its postmortem report is written.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class BadDeployRollbackTests(EndToEndSystem stack, ITestOutputHelper output)
{
    [Fact]
    public async Task Bad_deploy_is_rolled_back_on_HAProxy_traffic_recovers_and_the_incident_resolves_with_its_report()
    {
        var shop = stack.Environments[EndToEndSystem.Rollback];
        var scenario = new Scenario(stack, shop, output);
        await scenario.RunAsync(async () =>
        {
            await stack.HistoryAsync(shop.Name);

            var deployedAt = await shop.DeployAsync(stack.Remediation, "v2");

            await scenario.ServingAsync("v1", stack.Settings.RollbackBound);
            await scenario.TrafficRecoversAsync();
            var incident = await scenario.IncidentAsync("resolved", stack.Settings.VerifyFor + TimeSpan.FromMinutes(2));
            scenario.Print(incident.Timings("rollback", deployedAt));

            Assert.Equal(["v2", "v1"], incident.Chain);
            Assert.Equal("v1", incident.FinalVersion);
            Assert.Equal(["v2 → v1"], incident.RollbacksCompleted.Select(r => $"{r.From} → {r.To}"));
            Assert.Single(incident.RollbacksRequestedAt);
            Assert.True(incident.DetectedAt <= incident.RollbacksRequestedAt[0], "the rollback was requested after the anomaly");
            Assert.True(incident.RollbacksCompleted[0].At - deployedAt <= stack.Settings.RollbackBound,
                $"bad deploy → rollback done took {(incident.RollbacksCompleted[0].At - deployedAt).TotalSeconds:0.0} s");
            Assert.Equal(["rollback.inside-window", "verify.start"], (await scenario.DecisionRulesAsync(incident.Id)).Take(2));
            Assert.Equal("v1", await shop.ServingVersionAsync());
            var request = await stack.Remediation.ExecutorRequestAsync(incident.Messages("RollbackRequested")[0].Get("requestId").GetGuid());
            Assert.Equal(("completed", "haproxy"), (request.Text("state"), request.Text("driver")));

            await scenario.AlertsResolvedAsync();
            var report = await scenario.ReportAsync(incident);
            Assert.Equal("v2", report.Get("suspectChange").Text("version"));
            await scenario.NotifiedAsync(incident, "IncidentResolved");
        });
    }
}
