using Remediation.Contracts.Decisions;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Rollbacks;
using Remediation.Decision.Tests.Support;
using static Remediation.Decision.Tests.Support.Policies;

namespace Remediation.Decision.Tests;

public sealed class GuardTests
{
    [Fact]
    public async Task Irreversible_deployment_is_never_rolled_back_automatically_and_escalates_with_that_reason()
    {
        await using var test = await DecisionHarness.StartAsync(For("billing"), new ExecutorScript());
        await test.DeployAsync(Prod, "billing", "v1", soak: true);
        await test.DeployAsync(Prod, "billing", "v2", irreversible: true);

        await test.Publish(Signals.Anomaly(Prod, "billing"));

        var escalated = await test.WaitForPublishedAsync<IncidentEscalated>();
        Assert.Equal("irreversible", escalated.ReasonCode);
        Assert.Contains("flagged irreversible", escalated.Reason, StringComparison.Ordinal);
        await test.WaitForStateAsync(Prod, "billing", "Escalated");
        Assert.Empty(test.Published<RollbackRequested>());
    }

    [Fact]
    public async Task Shadow_mode_records_what_it_would_have_done_and_executes_nothing()
    {
        await using var test = await DecisionHarness.StartAsync(For("checkout", approval: "shadow"), new ExecutorScript());
        await test.DeployAsync(Prod, "checkout", "v1", soak: true);
        await test.DeployAsync(Prod, "checkout", "v2");
        var anomaly = Signals.Anomaly(Prod, "checkout");

        await test.Publish(anomaly);

        var decision = await test.WaitForPublishedAsync<DecisionRecorded>(d => d.Outcome == DecisionOutcome.WouldAct);
        Assert.True(decision.Shadow);
        Assert.StartsWith("shadow mode: would roll back v2 to v1 because error_rate", decision.Reason, StringComparison.Ordinal);
        Assert.Equal("v1", decision.TargetVersion);
        await test.WaitForStateAsync(Prod, "checkout", "Healthy", s => s.IncidentId is not null);
        Assert.Empty(test.Published<RollbackRequested>());

        await test.Publish(Signals.Cleared(Prod, "checkout", anomaly.AnomalyId));
        var resolved = await test.WaitForPublishedAsync<IncidentResolved>();
        Assert.Equal("cleared", resolved.Resolution);
        await test.WaitForStateAsync(Prod, "checkout", "Healthy", s => s.IncidentId is null);
    }

    [Fact]
    public async Task Duplicate_deliveries_of_one_anomaly_open_one_incident_and_request_one_rollback()
    {
        await using var test = await DecisionHarness.StartAsync(For("cart"), new ExecutorScript().Answer("v1", ExecutorAnswer.Silent));
        await test.DeployAsync(Prod, "cart", "v1", soak: true);
        await test.DeployAsync(Prod, "cart", "v2");
        var anomaly = Signals.Anomaly(Prod, "cart");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => test.Publish(anomaly)));

        await test.WaitForPublishedAsync<RollbackRequested>();
        await test.WaitForStateAsync(Prod, "cart", "RollingBack");
        Assert.Single(test.Published<RollbackRequested>());
        Assert.Single(test.Published<IncidentOpened>());
    }

    [Fact]
    public async Task Fifty_anomalies_for_one_service_within_a_moment_yield_exactly_one_rollback_request()
    {
        await using var test = await DecisionHarness.StartAsync(For("search"), new ExecutorScript().Answer("v1", ExecutorAnswer.Silent));
        await test.DeployAsync(Prod, "search", "v1", soak: true);
        await test.DeployAsync(Prod, "search", "v2");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => test.Publish(Signals.Anomaly(Prod, "search"))));

        await test.WaitForStateAsync(Prod, "search", "RollingBack", s => s.Handled.Count == 50);
        Assert.Single(test.Published<RollbackRequested>());
        Assert.Single(test.Published<IncidentOpened>());
    }
}
