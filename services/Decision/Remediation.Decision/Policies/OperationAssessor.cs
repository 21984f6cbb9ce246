using Remediation.Contracts.Approvals;
using Remediation.Contracts.Operations;
using Remediation.Decision.StateMachines;
using Remediation.Policy;

namespace Remediation.Decision.Policies;

/// <summary>Assessments of what people and the executor did: an approval, a manual rollback, an executor that never answered.</summary>
public static class OperationAssessor
{
    public static Assessment ExecutorTimeout(ServiceState s) => new()
    {
        Verdict = Verdict.Escalate,
        Rule = "executor.timeout",
        ReasonCode = "executor-timeout",
        Reason = $"the executor did not answer the {s.Pending?.Action} request {s.Pending?.RequestId} in time",
    };

    public static Assessment Approved(ServiceState s, ApprovalDecided approval)
    {
        var pending = s.Pending!;
        return new Assessment
        {
            Verdict = pending.Action == "rollback" ? Verdict.Rollback : Verdict.Remediate,
            Rule = "approval.granted",
            Reason = $"{approval.DecidedBy} approved: {pending.Reason.Replace("awaiting approval to ", "", StringComparison.Ordinal)}",
            Step = s.RunbookStep,
            Action = pending.Action == "rollback" ? null : new RunbookStep { Action = pending.Action, Parameters = pending.Parameters },
            Plan = pending.ToVersion is null ? null : new RollbackPlan(
                new DeploymentEntry { Version = pending.ToVersion, Revision = pending.ToRevision, Image = pending.ToImage }, [], null, null),
        };
    }

    public static Assessment ManualRollback(ServiceState s, RequestManualRollback command)
    {
        var target = s.Deployments.LastOrDefault(d => d.Version == command.ToVersion)
                     ?? new DeploymentEntry { Version = command.ToVersion };
        var known = s.Deployments.Exists(d => d.Version == command.ToVersion) ? "" : " (a version this service has no record of)";
        return new Assessment
        {
            Verdict = Verdict.Rollback,
            Rule = "manual.rollback",
            Reason = $"{command.RequestedBy} asked to roll back {s.CurrentVersion ?? "the running version"} to {command.ToVersion}{known}: " +
                     (command.Reason ?? "no reason given"),
            Plan = new RollbackPlan(target, [], null, null),
        };
    }
}
