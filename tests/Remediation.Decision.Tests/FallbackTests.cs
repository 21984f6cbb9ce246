using Remediation.Contracts.Decisions;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Rollbacks;
using Remediation.Decision.StateMachines;
using Remediation.Decision.Tests.Support;
using static Remediation.Decision.Tests.Support.Policies;

namespace Remediation.Decision.Tests;

public sealed class FallbackTests
{
    [Fact]
    public async Task Previous_version_still_anomalous_after_verification_falls_back_to_the_one_before_it()
    {
        await using var test = await DecisionHarness.StartAsync(For("checkout"), new ExecutorScript());
        await test.DeployAsync(Prod, "checkout", "v0", soak: true);
        await test.DeployAsync(Prod, "checkout", "v1", soak: true);
        await test.DeployAsync(Prod, "checkout", "v2");
        var anomaly = Signals.Anomaly(Prod, "checkout");
        await test.Publish(anomaly);
        await test.WaitForStateAsync(Prod, "checkout", "Verifying", s => s.CurrentVersion == "v1");

        // v1 does not clear the anomaly within its verification period.
        test.Advance(Long + TimeSpan.FromMinutes(1));

        var second = await test.WaitForPublishedAsync<RollbackRequested>(r => r.ToVersion == "v0");
        Assert.Equal(("v1", 2), (second.FromVersion, second.Depth));
        var decision = test.Published<DecisionRecorded>().Single(d => d.Rule == "fallback.next-version");
        Assert.Contains("v1 is bad too", decision.Reason, StringComparison.Ordinal);
        Assert.Contains(decision.VersionsConsidered, c => c is { Version: "v2", Health: "bad", Eligible: false });

        await test.WaitForStateAsync(Prod, "checkout", "Verifying", s => s.CurrentVersion == "v0");
        await test.Publish(Signals.Cleared(Prod, "checkout", anomaly.AnomalyId));

        var resolved = await test.WaitForPublishedAsync<IncidentResolved>();
        Assert.Equal(["v2", "v1", "v0"], resolved.Chain);
        Assert.Equal("v0", resolved.ResolvedVersion);
        var state = await test.WaitForStateAsync(Prod, "checkout", "CoolingDown");
        Assert.Equal(HealthVerdict.Bad, state.Versions["v1"].Verdict);
        Assert.Equal(HealthVerdict.Bad, state.Versions["v2"].Verdict);
        Assert.Equal(HealthVerdict.Healthy, state.Versions["v0"].Verdict);
        Assert.Single(test.Published<IncidentOpened>());
    }

    [Fact]
    public async Task New_anomaly_while_verifying_marks_the_version_bad_and_falls_back()
    {
        await using var test = await DecisionHarness.StartAsync(For("cart"), new ExecutorScript().Answer("v1", ExecutorAnswer.Silent));
        await test.DeployAsync(Prod, "cart", "v0", soak: true);
        await test.DeployAsync(Prod, "cart", "v1", soak: true);
        await test.DeployAsync(Prod, "cart", "v2");
        var first = Signals.Anomaly(Prod, "cart");
        await test.Publish(first);
        var request = await test.WaitForPublishedAsync<RollbackRequested>();
        await test.Publish(Signals.Cleared(Prod, "cart", first.AnomalyId));
        await test.WaitForStateAsync(Prod, "cart", "RollingBack", s => !s.AnomalyActive);
        await test.Publish(Answers.Completed(request));
        await test.WaitForStateAsync(Prod, "cart", "Verifying", s => s.CurrentVersion == "v1");

        await test.Publish(Signals.Anomaly(Prod, "cart"));

        var second = await test.WaitForPublishedAsync<RollbackRequested>(r => r.ToVersion == "v0");
        Assert.Equal("v1", second.FromVersion);
        var state = await test.WaitForStateAsync(Prod, "cart", "Verifying", s => s.CurrentVersion == "v0");
        Assert.Equal(HealthVerdict.Bad, state.Versions["v1"].Verdict);
        Assert.Single(test.Published<IncidentOpened>());
    }

    [Fact]
    public async Task No_healthy_version_left_escalates_and_pauses_automation()
    {
        await using var test = await DecisionHarness.StartAsync(For("search"), new ExecutorScript());
        await test.DeployAsync(Prod, "search", "v1", soak: true);
        await test.DeployAsync(Prod, "search", "v2");
        await test.Publish(Signals.Anomaly(Prod, "search"));
        await test.WaitForStateAsync(Prod, "search", "Verifying", s => s.CurrentVersion == "v1");

        test.Advance(Long + TimeSpan.FromMinutes(1));

        var escalated = await test.WaitForPublishedAsync<IncidentEscalated>();
        Assert.Equal("chain-exhausted", escalated.ReasonCode);
        Assert.Equal(["v2", "v1"], escalated.Chain);
        var state = await test.WaitForStateAsync(Prod, "search", "Escalated");
        Assert.Equal(HealthVerdict.Bad, state.Versions["v1"].Verdict);

        // Automation stays paused: another anomaly changes nothing.
        await test.Publish(Signals.Anomaly(Prod, "search"));
        await test.WaitForStateAsync(Prod, "search", "Escalated", s => s.Handled.Count == 2);
        Assert.Single(test.Published<RollbackRequested>());
    }

    [Fact]
    public async Task Depth_limit_stops_the_chain_even_when_older_healthy_versions_exist()
    {
        await using var test = await DecisionHarness.StartAsync(For("ledger", maxDepth: 1), new ExecutorScript());
        await test.DeployAsync(Prod, "ledger", "v0", soak: true);
        await test.DeployAsync(Prod, "ledger", "v1", soak: true);
        await test.DeployAsync(Prod, "ledger", "v2");
        await test.Publish(Signals.Anomaly(Prod, "ledger"));
        await test.WaitForStateAsync(Prod, "ledger", "Verifying", s => s.CurrentVersion == "v1");

        test.Advance(Long + TimeSpan.FromMinutes(1));

        var escalated = await test.WaitForPublishedAsync<IncidentEscalated>();
        Assert.Equal("depth-limit", escalated.ReasonCode);
        Assert.Single(test.Published<RollbackRequested>());
    }

    [Fact]
    public async Task First_deployment_never_verified_has_no_rollback_target_and_escalates()
    {
        await using var test = await DecisionHarness.StartAsync(For("auth"), new ExecutorScript());
        await test.DeployAsync(Prod, "auth", "v1");
        await test.DeployAsync(Prod, "auth", "v2");

        await test.Publish(Signals.Anomaly(Prod, "auth"));

        var escalated = await test.WaitForPublishedAsync<IncidentEscalated>();
        Assert.Equal("chain-exhausted", escalated.ReasonCode);
        var decision = test.Published<DecisionRecorded>().Single(d => d.Outcome == DecisionOutcome.Escalate);
        Assert.Contains(decision.VersionsConsidered, c => c is { Version: "v1", Health: "unknown", Eligible: false });
        Assert.Empty(test.Published<RollbackRequested>());
    }
}
