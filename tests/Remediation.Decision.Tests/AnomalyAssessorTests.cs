using Remediation.Contracts.Signals;
using Remediation.Decision.Policies;
using Remediation.Decision.StateMachines;
using Remediation.Policy;

namespace Remediation.Decision.Tests;

/// <summary>The decisions as plain functions: given a history and a policy, when an anomaly comes, then this verdict.</summary>
public sealed class AnomalyAssessorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly SignalObservation[] Breach =
    [
        new() { Name = "error_rate", Value = 0.12, Threshold = 0.05, Source = "alertmanager" },
        new() { Name = "quality_score", Value = 0.61, Threshold = 0.75, Direction = SignalDirection.Below, Source = "push" },
    ];

    [Fact]
    public void Inside_the_window_with_a_healthy_previous_version_rolls_back_to_it()
    {
        var state = History(("v0", -300, HealthVerdict.Healthy), ("v1", -120, HealthVerdict.Healthy), ("v2", -4, HealthVerdict.Unknown));

        var assessment = AnomalyAssessor.Assess(state, Policy(), Breach, Now);

        Assert.Equal(Verdict.Rollback, assessment.Verdict);
        Assert.Equal("v1", assessment.Plan!.Target!.Version);
        Assert.Equal("roll back v2 to v1 because error_rate 0.12 > 0.05 and quality_score 0.61 < 0.75, 4m after v2 was deployed (window 30m)",
            assessment.Reason);
        Assert.Equal(["v1", "v0"], assessment.Candidates.Select(c => c.Version));
    }

    [Fact]
    public void Bad_versions_are_skipped_and_never_targets()
    {
        var state = History(("v0", -300, HealthVerdict.Healthy), ("v1", -120, HealthVerdict.Bad), ("v2", -4, HealthVerdict.Unknown));

        var assessment = AnomalyAssessor.Assess(state, Policy(), Breach, Now);

        Assert.Equal("v0", assessment.Plan!.Target!.Version);
        Assert.Contains(assessment.Candidates, c => c is { Version: "v1", Eligible: false, Health: "bad" });
    }

    [Fact]
    public void Just_past_the_window_goes_to_the_runbook()
    {
        var state = History(("v1", -120, HealthVerdict.Healthy), ("v2", -31, HealthVerdict.Unknown));
        var policy = Policy() with { Runbook = new RunbookPolicy { Steps = [new RunbookStep { Action = "restart" }] } };

        var assessment = AnomalyAssessor.Assess(state, policy, Breach, Now);

        Assert.Equal(Verdict.Remediate, assessment.Verdict);
        Assert.Equal(("restart", 1), (assessment.Action!.Action, assessment.Step));
        Assert.Contains("outside the 30m rollback window", assessment.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApprovalMode.Manual, Verdict.AwaitApproval, "awaiting approval to roll back")]
    [InlineData(ApprovalMode.Shadow, Verdict.Shadow, "shadow mode: would roll back")]
    [InlineData(ApprovalMode.Auto, Verdict.Rollback, "roll back")]
    public void Approval_mode_decides_whether_the_rollback_waits_is_only_recorded_or_runs(ApprovalMode mode, Verdict expected, string prefix)
    {
        var state = History(("v1", -120, HealthVerdict.Healthy), ("v2", -4, HealthVerdict.Unknown));
        var policy = Policy() with { Rollback = new RollbackPolicy { Approval = mode } };

        var assessment = AnomalyAssessor.Assess(state, policy, Breach, Now);

        Assert.Equal(expected, assessment.Verdict);
        Assert.StartsWith(prefix, assessment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Fallback_past_the_depth_limit_escalates()
    {
        var state = History(("v0", -300, HealthVerdict.Healthy), ("v1", -120, HealthVerdict.Bad), ("v2", -4, HealthVerdict.Bad));
        state.CurrentVersion = "v1";
        state.Depth = 2;

        var assessment = AnomalyAssessor.AssessFallback(state, Policy(), "error_rate 0.2 > 0.05");

        Assert.Equal(Verdict.Escalate, assessment.Verdict);
        Assert.Equal("depth-limit", assessment.ReasonCode);
    }

    [Fact]
    public void Unknown_service_only_notifies()
    {
        var assessment = AnomalyAssessor.Assess(History(("v2", -4, HealthVerdict.Unknown)), null, Breach, Now);

        Assert.Equal((Verdict.NotifyOnly, "policy.missing"), (assessment.Verdict, assessment.Rule));
    }

    private static ServiceState History(params (string Version, int MinutesAgo, HealthVerdict Health)[] deployments)
    {
        var state = new ServiceState { Environment = "production", Service = "checkout" };
        foreach (var (version, ago, health) in deployments)
        {
            state.Deployments.Add(new DeploymentEntry { Version = version, DeployedAt = Now.AddMinutes(ago) });
            if (health != HealthVerdict.Unknown)
                state.Versions[version] = new VersionHealth(health, Now.AddMinutes(ago + 5), health == HealthVerdict.Bad ? "rolled back" : "verified");
        }

        state.CurrentVersion = deployments[^1].Version;
        return state;
    }

    private static ServicePolicy Policy() => new()
    {
        Environment = "production",
        Name = "checkout",
        Target = new TargetPolicy { Driver = "none" },
        Detection = new DetectionPolicy(),
        Rollback = new RollbackPolicy(),
        Runbook = new RunbookPolicy(),
        Notify = new NotifyPolicy(),
    };
}
