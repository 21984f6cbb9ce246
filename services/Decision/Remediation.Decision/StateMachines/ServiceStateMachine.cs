using MassTransit;
using Microsoft.Extensions.Options;
using Remediation.Decision.Policies;
using Remediation.Decision.Timers;
using Remediation.Policy;

namespace Remediation.Decision.StateMachines;

/// <summary>
/// One saga per (environment, service). It keeps the deployment history and what it learned about each version, and
/// walks an incident from the anomaly to the end: roll back inside the rollback window (or run the runbook outside it),
/// verify the version rolled back to, fall back one version further when that one is bad too, resolve and cool down —
/// or escalate to humans and pause automation. Every wait has a durable timer and every exit cancels it.
/// </summary>
public sealed partial class ServiceStateMachine : MassTransitStateMachine<ServiceState>
{
    private readonly IPolicyProvider _policies;

    public ServiceStateMachine(IPolicyProvider policies, TimeProvider time, IOptions<DecisionOptions> options)
    {
        _policies = policies;
        Time = time;
        Options = options.Value;

        InstanceState(x => x.CurrentState);

        Event(() => DeploymentRecorded, e => e.CorrelateById(c => Key(c.Message.Environment, c.Message.Service)));
        Event(() => AnomalyDetected, e => e.CorrelateById(c => Key(c.Message.Environment, c.Message.Service)));
        Event(() => AnomalyCleared, e => ForExisting(e, c => Key(c.Message.Environment, c.Message.Service)));
        Event(() => RollbackCompleted, e => ForExisting(e, c => Key(c.Message.Environment, c.Message.Service)));
        Event(() => RollbackFailed, e => ForExisting(e, c => Key(c.Message.Environment, c.Message.Service)));
        Event(() => RemediationCompleted, e => ForExisting(e, c => Key(c.Message.Environment, c.Message.Service)));
        Event(() => RemediationFailed, e => ForExisting(e, c => Key(c.Message.Environment, c.Message.Service)));
        Event(() => ApprovalDecided, e => ForExisting(e, c => Key(c.Message.Environment, c.Message.Service)));
        Event(() => ManualRollbackRequested, e => e.CorrelateById(c => Key(c.Message.Environment, c.Message.Service)));
        Event(() => AutomationResumed, e => ForExisting(e, c => Key(c.Message.Environment, c.Message.Service)));
        Event(() => CooldownOverridden, e => ForExisting(e, c => Key(c.Message.Environment, c.Message.Service)));

        Schedule(() => VerificationTimer, x => x.VerificationTokenId, s => s.Received = r => r.CorrelateById(c => c.Message.CorrelationId));
        Schedule(() => ExecutorTimer, x => x.ExecutorTimeoutTokenId, s => s.Received = r => r.CorrelateById(c => c.Message.CorrelationId));
        Schedule(() => CooldownTimer, x => x.CooldownTokenId, s => s.Received = r => r.CorrelateById(c => c.Message.CorrelationId));
        Schedule(() => ApprovalTimer, x => x.ApprovalTimeoutTokenId, s => s.Received = r => r.CorrelateById(c => c.Message.CorrelationId));
        Schedule(() => SoakTimer, x => x.SoakTokenId, s => s.Received = r => r.CorrelateById(c => c.Message.CorrelationId));
        Schedule(() => SettleTimer, x => x.SettleTokenId, s => s.Received = r => r.CorrelateById(c => c.Message.CorrelationId));

        // Anything not handled in a state (a late timer, a duplicate, an answer to a request already settled) is
        // expected under at-least-once delivery: it changes nothing.
        OnUnhandledEvent(x => x.Ignore());

        // Deployments: remembered in every state; a new version soaks for its verification period before it is trusted.
        During(Initial, Healthy, CoolingDown,
            When(DeploymentRecorded, IsNewDeployment)
                .RecordDeployment(this)
                .Schedule(SoakTimer, c => new SoakElapsed(c.Saga.CorrelationId), c => Due(Policy(c.Saga).Rollback.VerifyFor))
                .If(c => c.Saga.CurrentState != CoolingDown.Name, b => b.TransitionTo(Healthy)));
        During([AwaitingApproval, RollingBack, Verifying, Remediating, Escalated],
            When(DeploymentRecorded, IsNewDeployment)
                .RecordDeployment(this));

        During(Healthy, CoolingDown,
            When(SoakTimer.Received)
                .MarkSoakedVersionHealthy(this));

        // An anomaly while healthy: roll back, run the runbook, ask, only record, or escalate.
        During(Initial, Healthy,
            When(AnomalyDetected, IsNewAnomaly)
                .TrackAnomaly(this)
                .Assess(this, c => AnomalyAssessor.Assess(c.Saga, Policy(c.Saga), c.Message.Signals, Now))
                .OpenIncident(this)
                .Act(this),
            When(AnomalyCleared)
                .ClearAnomaly()
                .If(c => c.Saga.IncidentId is not null, b => b.Resolve(this, "cleared")));

        // During the cooldown an anomaly does not roll back again (that would thrash): it escalates, unless a person
        // allowed one more automatic action.
        During(CoolingDown,
            When(CooldownTimer.Received)
                .TransitionTo(Healthy),
            When(AnomalyDetected, c => IsNewAnomaly(c) && c.Saga.CooldownOverride)
                .TrackAnomaly(this)
                .Then(c => c.Saga.CooldownOverride = false)
                .Unschedule(CooldownTimer)
                .Assess(this, c => AnomalyAssessor.Assess(c.Saga, Policy(c.Saga), c.Message.Signals, Now))
                .OpenIncident(this)
                .Act(this),
            When(AnomalyDetected, c => IsNewAnomaly(c) && !c.Saga.CooldownOverride)
                .TrackAnomaly(this)
                .Assess(this, c => new Assessment
                {
                    Verdict = Verdict.Escalate,
                    Rule = "guard.cooldown",
                    ReasonCode = "cooldown",
                    Reason = $"{AnomalyAssessor.Describe(c.Message.Signals)} during the cooldown after the last incident " +
                             $"(until {c.Saga.CooldownUntil:u}): not rolling back again automatically",
                })
                .OpenIncident(this)
                .Act(this),
            When(CooldownOverridden, IsNewCommand)
                .Then(c => c.Saga.CooldownOverride = true)
                .RecordOperation(this, c => c.Message.CommandId, c => c.Message.RequestedBy, "manual.override-cooldown",
                    c => $"{c.Message.RequestedBy} allowed the next anomaly to act once during the cooldown: {c.Message.Reason}"));

        // Holding an action for a person.
        During(AwaitingApproval,
            When(ApprovalDecided, c => c.Saga.Pending?.ApprovalId == c.Message.ApprovalId && c.Message.Approved)
                .Unschedule(ApprovalTimer)
                .Assess(this, c => OperationAssessor.Approved(c.Saga, c.Message))
                .Act(this),
            When(ApprovalDecided, c => c.Saga.Pending?.ApprovalId == c.Message.ApprovalId && !c.Message.Approved)
                .Unschedule(ApprovalTimer)
                .Assess(this, c => new Assessment
                {
                    Verdict = Verdict.Escalate,
                    Rule = "approval.rejected",
                    ReasonCode = "approval-rejected",
                    Reason = $"{c.Message.DecidedBy} rejected: {c.Saga.Pending!.Reason}" + (c.Message.Comment is { } why ? $" ({why})" : ""),
                })
                .Act(this),
            When(ApprovalTimer.Received)
                .Assess(this, c => new Assessment
                {
                    Verdict = Verdict.Escalate,
                    Rule = "approval.timeout",
                    ReasonCode = "approval-timeout",
                    Reason = $"nobody approved within {Duration.Format(Policy(c.Saga).Rollback.ApprovalTimeout)}: {c.Saga.Pending?.Reason}",
                })
                .Act(this),
            When(AnomalyCleared)
                .ClearAnomaly()
                .Unschedule(ApprovalTimer)
                .Resolve(this, "cleared"));

        // Waiting for the executor.
        During(RollingBack,
            When(RollbackCompleted, c => c.Saga.Pending?.RequestId == c.Message.RequestId)
                .Unschedule(ExecutorTimer)
                .RolledBack(this)
                .Schedule(VerificationTimer, c => new VerificationElapsed(c.Saga.CorrelationId), c => Due(Policy(c.Saga).Rollback.VerifyFor))
                .TransitionTo(Verifying),
            When(RollbackFailed, c => c.Saga.Pending?.RequestId == c.Message.RequestId)
                .Unschedule(ExecutorTimer)
                .Assess(this, c => new Assessment
                {
                    Verdict = Verdict.Escalate,
                    Rule = "executor.failed",
                    ReasonCode = "rollback-failed",
                    Reason = $"the rollback of {c.Message.FromVersion} to {c.Message.ToVersion} failed ({c.Message.ReasonCode}): {c.Message.Reason}",
                })
                .Act(this),
            When(ExecutorTimer.Received)
                .Assess(this, c => OperationAssessor.ExecutorTimeout(c.Saga))
                .Act(this),
            When(AnomalyDetected, IsNewAnomaly)
                .TrackAnomaly(this),
            When(AnomalyCleared)
                .ClearAnomaly());

        // The version rolled back to must hold for the verification period; if it is bad too, fall back further.
        During(Verifying,
            When(AnomalyCleared)
                .ClearAnomaly()
                .Unschedule(VerificationTimer)
                .Resolve(this, "cleared"),
            When(VerificationTimer.Received, c => !c.Saga.AnomalyActive)
                .Resolve(this, "verified"),
            When(VerificationTimer.Received, c => c.Saga.AnomalyActive)
                .MarkCurrentVersionBad(this, c => $"still anomalous {Duration.Format(Policy(c.Saga).Rollback.VerifyFor)} after the rollback to it")
                .Assess(this, c => AnomalyAssessor.AssessFallback(c.Saga, Policy(c.Saga), AnomalyAssessor.Describe(c.Saga.Signals)))
                .Act(this),
            When(AnomalyDetected, IsNewAnomaly)
                .TrackAnomaly(this)
                .Unschedule(VerificationTimer)
                .MarkCurrentVersionBad(this, c => $"a new anomaly after the rollback to it: {AnomalyAssessor.Describe(c.Message.Signals)}")
                .Assess(this, c => AnomalyAssessor.AssessFallback(c.Saga, Policy(c.Saga), AnomalyAssessor.Describe(c.Message.Signals)))
                .Act(this));

        // Runbooks: each action settles before the next one runs, and only if the service is still anomalous.
        During(Remediating,
            When(RemediationCompleted, c => c.Saga.Pending?.RequestId == c.Message.RequestId)
                .Unschedule(ExecutorTimer)
                .Then(c => c.Saga.Pending = null)
                .Schedule(SettleTimer, c => new SettleElapsed(c.Saga.CorrelationId), c => Due(Policy(c.Saga).Runbook.Settle)),
            When(RemediationFailed, c => c.Saga.Pending?.RequestId == c.Message.RequestId)
                .Unschedule(ExecutorTimer)
                .Then(c => c.Saga.Pending = null)
                .Assess(this, c => AnomalyAssessor.AssessNextStep(c.Saga, Policy(c.Saga), $"step {c.Message.Step} ({c.Message.Action}) failed: {c.Message.Reason}"))
                .Act(this),
            When(ExecutorTimer.Received)
                .Assess(this, c => OperationAssessor.ExecutorTimeout(c.Saga))
                .Act(this),
            When(SettleTimer.Received, c => c.Saga.AnomalyActive)
                .Assess(this, c => AnomalyAssessor.AssessNextStep(c.Saga, Policy(c.Saga), AnomalyAssessor.Describe(c.Saga.Signals)))
                .Act(this),
            When(SettleTimer.Received, c => !c.Saga.AnomalyActive)
                .Resolve(this, "remediated"),
            When(AnomalyDetected, IsNewAnomaly)
                .TrackAnomaly(this),
            When(AnomalyCleared, c => c.Saga.Pending is null)
                .ClearAnomaly()
                .Unschedule(SettleTimer)
                .Resolve(this, "remediated"),
            When(AnomalyCleared, c => c.Saga.Pending is not null)
                .ClearAnomaly());

        // Escalated: automation is paused for the service until a person resumes it.
        During(Escalated,
            When(AnomalyDetected, IsNewAnomaly)
                .TrackAnomaly(this),
            When(AnomalyCleared)
                .ClearAnomaly(),
            When(AutomationResumed, IsNewCommand)
                .RecordOperation(this, c => c.Message.CommandId, c => c.Message.RequestedBy, "manual.resume",
                    c => $"{c.Message.RequestedBy} resumed automation: {c.Message.Reason}")
                .If(c => c.Saga.IncidentId is not null, b => b.CloseIncident(this, "manual"))
                .Then(c => c.Saga.EscalationReason = null)
                .TransitionTo(Healthy));

        // A person asks for a rollback to a given version: not while another action is in flight.
        During([Initial, Healthy, CoolingDown, Verifying, Escalated],
            When(ManualRollbackRequested, c => IsNewCommand(c) && c.Message.ToVersion != c.Saga.CurrentVersion)
                .Identify()
                .Unschedule(VerificationTimer)
                .Unschedule(CooldownTimer)
                .Unschedule(SoakTimer)
                .Assess(this, c => OperationAssessor.ManualRollback(c.Saga, c.Message))
                .OpenIncident(this)
                .Act(this, c => c.Message.RequestedBy),
            When(ManualRollbackRequested, c => IsNewCommand(c) && c.Message.ToVersion == c.Saga.CurrentVersion)
                .Identify()
                .RecordOperation(this, c => c.Message.CommandId, c => c.Message.RequestedBy, "manual.rollback.already-there",
                    c => $"{c.Message.RequestedBy} asked for a rollback to {c.Message.ToVersion}, which is already running: nothing to do"));
    }
}
