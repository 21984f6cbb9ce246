using Remediation.Contracts.Decisions;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Decision.Tests.Support;
using static Remediation.Decision.Tests.Support.Policies;

namespace Remediation.Decision.Tests;

public sealed class RunbookTests
{
    private const string Steps = """
              steps:
                - restart
                - { action: scale, factor: 2, max: 10 }
        """;

    [Fact]
    public async Task Anomaly_outside_the_window_runs_the_first_runbook_action_and_resolves_when_the_signals_clear()
    {
        await using var test = await DecisionHarness.StartAsync(For("checkout", runbook: Steps), new ExecutorScript());
        await test.DeployAsync(Prod, "checkout", "v1", at: test.Now.AddHours(-5), soak: true);
        var anomaly = Signals.Anomaly(Prod, "checkout");

        await test.Publish(anomaly);

        var restart = await test.WaitForPublishedAsync<RemediationRequested>();
        Assert.Equal(("restart", 1), (restart.Action, restart.Step));
        Assert.Contains("runbook step 1 of 2", restart.Reason, StringComparison.Ordinal);
        await test.WaitForStateAsync(Prod, "checkout", "Remediating", s => s.SettleTokenId is not null);

        await test.Publish(Signals.Cleared(Prod, "checkout", anomaly.AnomalyId));

        var resolved = await test.WaitForPublishedAsync<IncidentResolved>();
        Assert.Equal("remediated", resolved.Resolution);
        Assert.Single(test.Published<RemediationRequested>());
        Assert.Empty(test.Published<RollbackRequested>());
    }

    [Fact]
    public async Task Still_anomalous_after_the_settle_period_runs_the_next_action_then_escalates_when_the_runbook_is_exhausted()
    {
        await using var test = await DecisionHarness.StartAsync(For("cart", runbook: Steps), new ExecutorScript());
        await test.DeployAsync(Prod, "cart", "v1", at: test.Now.AddHours(-5), soak: true);
        await test.Publish(Signals.Anomaly(Prod, "cart"));
        await test.WaitForStateAsync(Prod, "cart", "Remediating", s => s.SettleTokenId is not null && s.RunbookStep == 1);

        test.Advance(Long + TimeSpan.FromMinutes(1));

        var scale = await test.WaitForPublishedAsync<RemediationRequested>(r => r.Step == 2);
        Assert.Equal("scale", scale.Action);
        Assert.Equal("2", scale.Parameters["factor"]);
        await test.WaitForStateAsync(Prod, "cart", "Remediating", s => s.SettleTokenId is not null && s.RunbookStep == 2);

        test.Advance(Long + TimeSpan.FromMinutes(1));

        var escalated = await test.WaitForPublishedAsync<IncidentEscalated>();
        Assert.Equal("runbook-exhausted", escalated.ReasonCode);
    }

    [Fact]
    public async Task Failed_runbook_action_moves_on_to_the_next_one()
    {
        await using var test = await DecisionHarness.StartAsync(For("search", runbook: Steps), new ExecutorScript().Answer("restart", ExecutorAnswer.Silent));
        await test.DeployAsync(Prod, "search", "v1", at: test.Now.AddHours(-5), soak: true);
        await test.Publish(Signals.Anomaly(Prod, "search"));
        var restart = await test.WaitForPublishedAsync<RemediationRequested>();

        await test.Publish(new RemediationFailed
        {
            RequestId = restart.RequestId, IncidentId = restart.IncidentId, Environment = Prod, Service = "search", Action = "restart",
            Step = 1, ReasonCode = "target-error", Reason = "the API refused", OccurredAt = DateTimeOffset.UtcNow,
        });

        var scale = await test.WaitForPublishedAsync<RemediationRequested>(r => r.Step == 2);
        Assert.Equal("scale", scale.Action);
        var decision = test.Published<DecisionRecorded>().Single(d => d.Rule == "runbook.next-step");
        Assert.Contains("the API refused", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_step_goes_through_the_executor_to_the_named_channel_and_settles_like_any_action()
    {
        const string notify = """
                  steps:
                    - { action: notify, channel: oncall-slack, message: "checkout is degraded, look at the dashboard" }
            """;
        await using var test = await DecisionHarness.StartAsync(For("payments", runbook: notify), new ExecutorScript());
        await test.DeployAsync(Prod, "payments", "v1", at: test.Now.AddHours(-5), soak: true);

        await test.Publish(Signals.Anomaly(Prod, "payments"));

        var request = await test.WaitForPublishedAsync<RemediationRequested>();
        Assert.Equal(("notify", "oncall-slack"), (request.Action, request.Parameters["channel"]));
        await test.WaitForStateAsync(Prod, "payments", "Remediating", s => s.SettleTokenId is not null);

        test.Advance(Long + TimeSpan.FromMinutes(1));

        var escalated = await test.WaitForPublishedAsync<IncidentEscalated>();
        Assert.Equal("runbook-exhausted", escalated.ReasonCode);
    }

    [Fact]
    public async Task No_runbook_and_no_deployment_only_notifies()
    {
        await using var test = await DecisionHarness.StartAsync(For("ledger"), new ExecutorScript());

        await test.Publish(Signals.Anomaly(Prod, "ledger"));

        var decision = await test.WaitForPublishedAsync<DecisionRecorded>();
        Assert.Equal(DecisionOutcome.NotifyOnly, decision.Outcome);
        Assert.Contains("no deployment is known", decision.Reason, StringComparison.Ordinal);
        await test.WaitForStateAsync(Prod, "ledger", "Healthy", s => s.IncidentId is not null);
    }
}
