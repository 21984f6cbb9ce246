using MassTransit;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Rollbacks;
using Remediation.Decision.StateMachines;
using Remediation.Decision.Tests.Support;
using static Remediation.Decision.Tests.Support.Policies;

namespace Remediation.Decision.Tests;

public sealed class RollbackTests
{
    [Fact]
    public async Task Anomaly_inside_the_window_rolls_back_to_the_last_healthy_version_and_resolves_when_the_signals_clear()
    {
        await using var test = await DecisionHarness.StartAsync(For("checkout"), new ExecutorScript());
        await test.DeployAsync(Prod, "checkout", "v1", soak: true);
        await test.DeployAsync(Prod, "checkout", "v2");

        var anomaly = Signals.Anomaly(Prod, "checkout");
        await test.Publish(anomaly);

        var request = await test.WaitForPublishedAsync<RollbackRequested>();
        Assert.Equal(("v2", "v1", "1"), (request.FromVersion, request.ToVersion, request.ToRevision));
        Assert.Contains("error_rate 0.12 > 0.05", request.Reason, StringComparison.Ordinal);

        var opened = Assert.Single(test.Published<IncidentOpened>());
        Assert.Equal(request.IncidentId, opened.IncidentId);
        Assert.Equal("v2", opened.SuspectDeployment?.Version);

        var decision = test.Published<DecisionRecorded>().Single(d => d.Outcome == DecisionOutcome.Rollback);
        Assert.Equal("rollback.inside-window", decision.Rule);
        Assert.Contains(decision.VersionsConsidered, c => c is { Version: "v1", Eligible: true, Health: "healthy" });
        Assert.Contains(decision.Timers, t => t.Name == "executor-timeout");

        await test.WaitForStateAsync(Prod, "checkout", "Verifying", s => s.CurrentVersion == "v1");
        await test.Publish(Signals.Cleared(Prod, "checkout", anomaly.AnomalyId));

        var resolved = await test.WaitForPublishedAsync<IncidentResolved>();
        Assert.Equal(("v1", "cleared"), (resolved.ResolvedVersion, resolved.Resolution));
        Assert.Equal(["v2", "v1"], resolved.Chain);

        var state = await test.WaitForStateAsync(Prod, "checkout", "CoolingDown");
        Assert.Equal(HealthVerdict.Bad, state.Versions["v2"].Verdict);
        Assert.Equal(HealthVerdict.Healthy, state.Versions["v1"].Verdict);
        Assert.Single(test.Published<RollbackRequested>());
        Assert.Empty(test.Published<Fault>());
    }

    [Fact]
    public async Task Verification_period_without_anomalies_resolves_the_incident_as_verified()
    {
        await using var test = await DecisionHarness.StartAsync(For("cart"), new ExecutorScript().Answer("v1", ExecutorAnswer.Silent));
        await test.DeployAsync(Prod, "cart", "v1", soak: true);
        await test.DeployAsync(Prod, "cart", "v2");
        var anomaly = Signals.Anomaly(Prod, "cart");
        await test.Publish(anomaly);
        var request = await test.WaitForPublishedAsync<RollbackRequested>();

        // The signals recover while the rollout is still running; the version must still pass its verification period.
        await test.Publish(Signals.Cleared(Prod, "cart", anomaly.AnomalyId));
        await test.WaitForStateAsync(Prod, "cart", "RollingBack", s => !s.AnomalyActive);
        await test.Publish(Answers.Completed(request));
        await test.WaitForStateAsync(Prod, "cart", "Verifying");
        Assert.Empty(test.Published<IncidentResolved>());

        test.Advance(Long + TimeSpan.FromMinutes(1));

        var resolved = await test.WaitForPublishedAsync<IncidentResolved>();
        Assert.Equal(("v1", "verified"), (resolved.ResolvedVersion, resolved.Resolution));
        await test.WaitForStateAsync(Prod, "cart", "CoolingDown");
    }

    [Fact]
    public async Task Anomaly_outside_the_window_does_not_roll_back_and_notifies_only()
    {
        await using var test = await DecisionHarness.StartAsync(For("search"), new ExecutorScript());
        await test.DeployAsync(Prod, "search", "v1", at: test.Now.AddHours(-3), soak: true);
        await test.DeployAsync(Prod, "search", "v2", at: test.Now.AddHours(-2));

        await test.Publish(Signals.Anomaly(Prod, "search"));

        var decision = await test.WaitForPublishedAsync<DecisionRecorded>(d => d.Outcome == DecisionOutcome.NotifyOnly);
        Assert.Equal("notify.outside-window", decision.Rule);
        Assert.Contains("outside the 30m rollback window", decision.Reason, StringComparison.Ordinal);
        await test.WaitForPublishedAsync<IncidentOpened>();
        var state = await test.WaitForStateAsync(Prod, "search", "Healthy", s => s.IncidentId is not null);
        Assert.Equal("v2", state.CurrentVersion);
        Assert.Empty(test.Published<RollbackRequested>());
    }

    [Fact]
    public async Task Anomaly_during_the_cooldown_escalates_instead_of_rolling_back_again()
    {
        await using var test = await DecisionHarness.StartAsync(For("payments"), new ExecutorScript());
        await test.DeployAsync(Prod, "payments", "v1", soak: true);
        await test.DeployAsync(Prod, "payments", "v2");
        var first = Signals.Anomaly(Prod, "payments");
        await test.Publish(first);
        await test.WaitForStateAsync(Prod, "payments", "Verifying");
        await test.Publish(Signals.Cleared(Prod, "payments", first.AnomalyId));
        await test.WaitForStateAsync(Prod, "payments", "CoolingDown");

        await test.Publish(Signals.Anomaly(Prod, "payments"));

        var escalated = await test.WaitForPublishedAsync<IncidentEscalated>();
        Assert.Equal("cooldown", escalated.ReasonCode);
        await test.WaitForStateAsync(Prod, "payments", "Escalated");
        Assert.Single(test.Published<RollbackRequested>());
    }

    [Fact]
    public async Task Cooldown_ends_and_the_service_is_healthy_again()
    {
        await using var test = await DecisionHarness.StartAsync(For("ledger"), new ExecutorScript());
        await test.DeployAsync(Prod, "ledger", "v1", soak: true);
        await test.DeployAsync(Prod, "ledger", "v2");
        var anomaly = Signals.Anomaly(Prod, "ledger");
        await test.Publish(anomaly);
        await test.WaitForStateAsync(Prod, "ledger", "Verifying");
        await test.Publish(Signals.Cleared(Prod, "ledger", anomaly.AnomalyId));
        await test.WaitForStateAsync(Prod, "ledger", "CoolingDown");

        test.Advance(Long + TimeSpan.FromMinutes(1));

        var state = await test.WaitForStateAsync(Prod, "ledger", "Healthy");
        Assert.Null(state.IncidentId);
        Assert.Null(state.CooldownTokenId);
    }
}
