using Remediation.Contracts.Incidents;
using Remediation.Contracts.Rollbacks;
using Remediation.Decision.Tests.Support;
using static Remediation.Decision.Tests.Support.Policies;

namespace Remediation.Decision.Tests;

public sealed class ExecutorAnswerTests
{
    [Fact]
    public async Task Failed_rollback_escalates_with_the_executors_reason()
    {
        await using var test = await DecisionHarness.StartAsync(For("checkout"), new ExecutorScript().Answer("v1", ExecutorAnswer.Fail));
        await test.DeployAsync(Prod, "checkout", "v1", soak: true);
        await test.DeployAsync(Prod, "checkout", "v2");

        await test.Publish(Signals.Anomaly(Prod, "checkout"));

        var escalated = await test.WaitForPublishedAsync<IncidentEscalated>();
        Assert.Equal("rollback-failed", escalated.ReasonCode);
        Assert.Contains("revision-pruned", escalated.Reason, StringComparison.Ordinal);
        await test.WaitForStateAsync(Prod, "checkout", "Escalated", s => s.ExecutorTimeoutTokenId is null);
    }

    [Fact]
    public async Task Executor_that_never_answers_escalates_when_its_timer_fires()
    {
        await using var test = await DecisionHarness.StartAsync(For("cart"), new ExecutorScript().Answer("v1", ExecutorAnswer.Silent));
        await test.DeployAsync(Prod, "cart", "v1", soak: true);
        await test.DeployAsync(Prod, "cart", "v2");
        await test.Publish(Signals.Anomaly(Prod, "cart"));
        await test.WaitForStateAsync(Prod, "cart", "RollingBack", s => s.ExecutorTimeoutTokenId is not null);

        test.Advance(TimeSpan.FromMinutes(11));

        var escalated = await test.WaitForPublishedAsync<IncidentEscalated>();
        Assert.Equal("executor-timeout", escalated.ReasonCode);
    }

    [Fact]
    public async Task Redelivered_rollback_completion_causes_no_second_transition()
    {
        await using var test = await DecisionHarness.StartAsync(For("search"), new ExecutorScript().Answer("v1", ExecutorAnswer.Silent));
        await test.DeployAsync(Prod, "search", "v0", soak: true);
        await test.DeployAsync(Prod, "search", "v1", soak: true);
        await test.DeployAsync(Prod, "search", "v2");
        await test.Publish(Signals.Anomaly(Prod, "search"));
        var request = await test.WaitForPublishedAsync<RollbackRequested>();
        var completed = Answers.Completed(request);

        await test.Publish(completed);
        var verifying = await test.WaitForStateAsync(Prod, "search", "Verifying");
        await test.Publish(completed);
        await test.Publish(completed with { ToVersion = "v0" });

        // Another message through the same partition proves the duplicates were handled before it.
        await test.DeployAsync(Prod, "search", "v3");
        var state = await test.WaitForStateAsync(Prod, "search", "Verifying", s => s.Deployments.Exists(d => d.Version == "v3"));
        Assert.Equal(["v2", "v1"], state.Chain);
        Assert.Equal(verifying.VerificationTokenId, state.VerificationTokenId);
    }

    [Fact]
    public async Task Completion_of_an_unknown_request_is_ignored()
    {
        await using var test = await DecisionHarness.StartAsync(For("ledger"), new ExecutorScript().Answer("v1", ExecutorAnswer.Silent));
        await test.DeployAsync(Prod, "ledger", "v1", soak: true);
        await test.DeployAsync(Prod, "ledger", "v2");
        await test.Publish(Signals.Anomaly(Prod, "ledger"));
        var request = await test.WaitForPublishedAsync<RollbackRequested>();

        await test.Publish(Answers.Completed(request) with { RequestId = Guid.NewGuid() });
        await test.DeployAsync(Prod, "ledger", "v3");

        var state = await test.WaitForStateAsync(Prod, "ledger", "RollingBack", s => s.Deployments.Exists(d => d.Version == "v3"));
        Assert.Equal(request.RequestId, state.Pending?.RequestId);
    }
}
