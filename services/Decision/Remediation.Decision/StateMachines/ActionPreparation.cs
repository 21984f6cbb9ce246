using MassTransit;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Operations;
using Remediation.Decision.Policies;

namespace Remediation.Decision.StateMachines;

/// <summary>
/// Turns this message's assessment into what the saga will wait for (the pending action with its request id, the
/// approval id, the runbook step, the depth) and the decision record that says why, with the timers it sets.
/// </summary>
internal static class ActionPreparation
{
    public static void Prepare<T>(BehaviorContext<ServiceState, T> c, ServiceStateMachine machine, string decidedBy)
        where T : class
    {
        var s = c.Saga;
        var a = c.GetPayload<Assessment>();
        var policy = machine.Policy(s);
        var now = machine.Now;
        if (c.Message is RequestManualRollback command)
            ServiceStateMachineBehaviors.Remember(s, command.CommandId, machine.Options.DeduplicationWindow);

        var decisionId = NewId.NextGuid();
        var target = a.Plan?.Target;
        var intent = a.Verdict is Policies.Verdict.AwaitApproval or Policies.Verdict.Shadow ? a.WouldHave : a.Verdict;
        TimerSet[] timers = [];

        if (a.Verdict is Policies.Verdict.Rollback or Policies.Verdict.Remediate or Policies.Verdict.AwaitApproval)
        {
            var action = intent == Policies.Verdict.Rollback ? "rollback" : a.Action?.Action ?? "notify";
            // A runbook's "notify" step goes through the executor like any other action (it completes it at once),
            // so the notifier hears it as a RemediationRequested naming its channel, and the settle period follows.
            s.Pending = new PendingAction
            {
                RequestId = NewId.NextGuid(),
                Action = action,
                FromVersion = s.CurrentVersion,
                ToVersion = target?.Version,
                ToRevision = target?.Revision,
                ToImage = target?.Image,
                Parameters = a.Action?.Parameters ?? new Dictionary<string, string>(),
                DecisionId = decisionId,
                ApprovalId = a.Verdict == Policies.Verdict.AwaitApproval ? NewId.NextGuid() : null,
                Reason = a.Reason,
                RequestedBy = decidedBy,
                RequestedAt = now,
            };
            if (intent == Policies.Verdict.Remediate && a.Step > 0)
                s.RunbookStep = a.Step;
            if (a.Verdict == Policies.Verdict.Rollback)
                s.Depth++;

            timers = a.Verdict switch
            {
                Policies.Verdict.AwaitApproval => [new TimerSet { Name = "approval-timeout", DueAt = now + policy.Rollback.ApprovalTimeout }],
                _ => [new TimerSet { Name = "executor-timeout", DueAt = now + policy.Rollback.ExecutorTimeout }],
            };
        }

        var decision = ServiceMessages.Decision(s, ServiceMessages.Outcome(a.Verdict), a.Rule, a.Reason, now, a.Candidates,
            target?.Version, timers, decidedBy, shadow: a.Verdict == Policies.Verdict.Shadow) with { DecisionId = decisionId };
        c.AddOrUpdatePayload(() => decision, _ => decision);
    }
}
