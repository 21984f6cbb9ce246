using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Rollbacks;
using Remediation.Postmortem.Reports;
using static Remediation.Postmortem.Tests.Scenarios;

namespace Remediation.Postmortem.Tests;

public sealed class PreventiveRulesTests
{
    private static readonly Ids Ids = new();

    private static IReadOnlyList<PreventiveAction> Actions(IEnumerable<object> messages, string? driver = "kubernetes", ServiceHistory? history = null) =>
        ReportBuilder.Build(ReportInputs.From(Ids.Incident, messages, driver, history: history)).PreventiveActions;

    [Fact]
    public void Version_rolled_back_before_is_flagged_as_rolled_back_repeatedly()
    {
        var earlier = Rollback(new Ids(), Guid.NewGuid(), "v2", "v1", 1, T0.AddDays(-3));
        var messages = Fallback(Ids);
        var history = new ServiceHistory { Rollbacks = [earlier, .. messages.OfType<RollbackRequested>()] };

        var action = Assert.Single(Actions(messages, history: history), a => a.Rule == "repeated-rollback");

        Assert.Equal("Stop redeploying v2 until the cause of its rollbacks is found and a test covers it.", action.Action);
        Assert.Equal("v2 of checkout was rolled back 2 times (2024-04-29 10:00:00Z, 2024-05-02 10:03:12Z).", action.Evidence);
    }

    [Fact]
    public void Breach_right_after_each_of_the_last_deploys_is_flagged()
    {
        DeploymentRecorded[] deployments =
        [
            Deployment(Guid.NewGuid(), "v0", T0.AddDays(-2)), Deployment(Guid.NewGuid(), "v1", T0.AddDays(-1)), Deployment(Ids.DeployV2, "v2", T0),
        ];
        AnomalyDetected[] anomalies =
        [
            Anomaly(Guid.NewGuid(), T0.AddDays(-2).AddMinutes(5)), Anomaly(Guid.NewGuid(), T0.AddDays(-1).AddMinutes(12)), Anomaly(Ids.Anomaly1, At(3, 10)),
        ];

        var action = Assert.Single(Actions(Fallback(Ids), history: new ServiceHistory { Deployments = deployments, Anomalies = anomalies }),
            a => a.Rule == "breach-after-every-deploy");

        Assert.Equal("Each of the last 3 deployments of checkout (v2, v1, v0) breached its thresholds within 30m of going out.", action.Evidence);
        Assert.Contains("error_rate, latency_p99_ms", action.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void One_clean_deploy_among_the_last_ones_is_not_flagged()
    {
        DeploymentRecorded[] deployments =
        [
            Deployment(Guid.NewGuid(), "v0", T0.AddDays(-2)), Deployment(Guid.NewGuid(), "v1", T0.AddDays(-1)), Deployment(Ids.DeployV2, "v2", T0),
        ];
        // v1's anomaly came 45 minutes after it went out: outside the 30 minute window.
        AnomalyDetected[] anomalies =
        [
            Anomaly(Guid.NewGuid(), T0.AddDays(-2).AddMinutes(5)), Anomaly(Guid.NewGuid(), T0.AddDays(-1).AddMinutes(45)), Anomaly(Ids.Anomaly1, At(3, 10)),
        ];

        var actions = Actions(Fallback(Ids), history: new ServiceHistory { Deployments = deployments, Anomalies = anomalies });

        Assert.DoesNotContain(actions, a => a.Rule == "breach-after-every-deploy");
    }

    [Fact]
    public void Traffic_switch_driver_is_not_flagged_for_missing_canary()
    {
        Assert.DoesNotContain(Actions(Fallback(Ids), driver: "haproxy"), a => a.Rule == "no-canary");
        Assert.Contains(Actions(Fallback(Ids), driver: "webhook"), a => a.Rule == "no-canary");
    }

    [Fact]
    public void Single_quick_rollback_that_resolves_suggests_only_a_canary()
    {
        var messages = Fallback(Ids).Take(9).Append(new IncidentResolved
        {
            IncidentId = Ids.Incident, Environment = "production", Service = "checkout", Resolution = "cleared", ResolvedVersion = "v1",
            Chain = ["v2", "v1"], ResolvedAt = At(5), OccurredAt = At(5),
        });

        Assert.Equal(["no-canary"], Actions(messages).Select(a => a.Rule));
    }

    [Fact]
    public void Slow_detection_is_flagged_with_its_duration()
    {
        var slow = Opened(Ids) with { DetectedAt = At(14), SuspectDeployment = Opened(Ids).SuspectDeployment };
        var messages = Fallback(Ids).Where(m => m is not AnomalyDetected).Select(m => m is IncidentOpened ? slow : m);

        var action = Assert.Single(Actions(messages), a => a.Rule == "slow-detection");

        Assert.Equal("The anomaly was detected 14m after the deploy, over 10m.", action.Evidence);
    }

    [Fact]
    public void Irreversible_suspect_change_suggests_backward_compatible_migrations()
    {
        var messages = Fallback(Ids).Select(m => m is DeploymentRecorded { Version: "v2" } d ? d with { Irreversible = true } : m);

        var action = Assert.Single(Actions(messages), a => a.Rule == "irreversible-change");

        Assert.Equal("v2 was marked irreversible, so automation could not roll it back.", action.Evidence);
    }

    [Fact]
    public void Failed_rollback_suggests_fixing_the_rollback_path()
    {
        var action = Assert.Single(Actions(Escalated(Ids)), a => a.Rule == "rollback-failed");

        Assert.Equal("Fix the rollback path (revision-pruned) and rehearse it before it is needed again.", action.Action);
        Assert.Equal("The rollback v1 → v0 failed in kubernetes: revision 0 of shop/checkout was pruned (revisionHistoryLimit 2).", action.Evidence);
    }
}
