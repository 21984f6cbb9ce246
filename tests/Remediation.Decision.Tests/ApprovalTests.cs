using Remediation.Contracts.Approvals;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Rollbacks;
using Remediation.Decision.Tests.Support;
using static Remediation.Decision.Tests.Support.Policies;

namespace Remediation.Decision.Tests;

public sealed class ApprovalTests
{
    [Fact]
    public async Task Manual_mode_holds_the_rollback_until_a_person_approves_it()
    {
        await using var test = await DecisionHarness.StartAsync(For("checkout", approval: "manual"), new ExecutorScript());
        await test.DeployAsync(Prod, "checkout", "v1", soak: true);
        await test.DeployAsync(Prod, "checkout", "v2");
        await test.Publish(Signals.Anomaly(Prod, "checkout"));

        var approval = await test.WaitForPublishedAsync<ApprovalRequested>();
        Assert.Equal(("rollback", "v2", "v1"), (approval.Action, approval.FromVersion, approval.ToVersion));
        Assert.StartsWith("awaiting approval to roll back v2 to v1", approval.Reason, StringComparison.Ordinal);
        await test.WaitForStateAsync(Prod, "checkout", "AwaitingApproval");
        Assert.Empty(test.Published<RollbackRequested>());

        await test.Publish(Decided(approval, approved: true, "alice"));

        var request = await test.WaitForPublishedAsync<RollbackRequested>();
        Assert.Equal("v1", request.ToVersion);
        var decision = test.Published<DecisionRecorded>().Single(d => d.Rule == "approval.granted");
        Assert.Equal("automation", decision.DecidedBy);
        Assert.StartsWith("alice approved: roll back v2 to v1", decision.Reason, StringComparison.Ordinal);
        await test.WaitForStateAsync(Prod, "checkout", "Verifying", s => s.ApprovalTimeoutTokenId is null);
    }

    [Fact]
    public async Task Rejected_approval_escalates_naming_who_rejected_it()
    {
        await using var test = await DecisionHarness.StartAsync(For("cart", approval: "manual"), new ExecutorScript());
        await test.DeployAsync(Prod, "cart", "v1", soak: true);
        await test.DeployAsync(Prod, "cart", "v2");
        await test.Publish(Signals.Anomaly(Prod, "cart"));
        var approval = await test.WaitForPublishedAsync<ApprovalRequested>();

        await test.Publish(Decided(approval, approved: false, "bob", "v2 carries the schema change"));

        var escalated = await test.WaitForPublishedAsync<IncidentEscalated>();
        Assert.Equal("approval-rejected", escalated.ReasonCode);
        Assert.Contains("bob rejected", escalated.Reason, StringComparison.Ordinal);
        Assert.Contains("schema change", escalated.Reason, StringComparison.Ordinal);
        Assert.Empty(test.Published<RollbackRequested>());
    }

    [Fact]
    public async Task Approval_nobody_answers_escalates_when_it_times_out()
    {
        await using var test = await DecisionHarness.StartAsync(For("search", approval: "manual", approvalTimeout: "15m"), new ExecutorScript());
        await test.DeployAsync(Prod, "search", "v1", soak: true);
        await test.DeployAsync(Prod, "search", "v2");
        await test.Publish(Signals.Anomaly(Prod, "search"));
        var approval = await test.WaitForPublishedAsync<ApprovalRequested>();
        Assert.True(approval.ExpiresAt > test.Now.AddMinutes(14));

        test.Advance(TimeSpan.FromMinutes(16));

        var escalated = await test.WaitForPublishedAsync<IncidentEscalated>();
        Assert.Equal("approval-timeout", escalated.ReasonCode);

        // A late approval changes nothing.
        await test.Publish(Decided(approval, approved: true, "carol"));
        await test.DeployAsync(Prod, "search", "v3");
        await test.WaitForStateAsync(Prod, "search", "Escalated");
        Assert.Empty(test.Published<RollbackRequested>());
    }

    [Fact]
    public async Task Anomaly_that_clears_while_waiting_for_approval_resolves_without_acting()
    {
        await using var test = await DecisionHarness.StartAsync(For("ledger", approval: "manual"), new ExecutorScript());
        await test.DeployAsync(Prod, "ledger", "v1", soak: true);
        await test.DeployAsync(Prod, "ledger", "v2");
        var anomaly = Signals.Anomaly(Prod, "ledger");
        await test.Publish(anomaly);
        await test.WaitForPublishedAsync<ApprovalRequested>();

        await test.Publish(Signals.Cleared(Prod, "ledger", anomaly.AnomalyId));

        var resolved = await test.WaitForPublishedAsync<IncidentResolved>();
        Assert.Equal("cleared", resolved.Resolution);
        await test.WaitForStateAsync(Prod, "ledger", "Healthy", s => s.ApprovalTimeoutTokenId is null);
        Assert.Empty(test.Published<RollbackRequested>());
    }

    private static ApprovalDecided Decided(ApprovalRequested approval, bool approved, string by, string? comment = null) =>
        new()
        {
            ApprovalId = approval.ApprovalId,
            IncidentId = approval.IncidentId,
            Environment = approval.Environment,
            Service = approval.Service,
            Approved = approved,
            DecidedBy = by,
            Comment = comment,
            OccurredAt = DateTimeOffset.UtcNow,
        };
}
