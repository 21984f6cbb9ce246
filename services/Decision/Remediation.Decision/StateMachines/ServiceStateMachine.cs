using MassTransit;
using Microsoft.Extensions.Options;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Approvals;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Operations;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
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
public sealed class ServiceStateMachine : MassTransitStateMachine<ServiceState>
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
                .Assess(this, c => Approved(c.Saga, c.Message))
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
                .Assess(this, c => ExecutorTimeout(c.Saga))
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
                .Assess(this, c => ExecutorTimeout(c.Saga))
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
                .Assess(this, c => ManualRollback(c.Saga, c.Message))
                .OpenIncident(this)
                .Act(this, c => c.Message.RequestedBy),
            When(ManualRollbackRequested, c => IsNewCommand(c) && c.Message.ToVersion == c.Saga.CurrentVersion)
                .Identify()
                .RecordOperation(this, c => c.Message.CommandId, c => c.Message.RequestedBy, "manual.rollback.already-there",
                    c => $"{c.Message.RequestedBy} asked for a rollback to {c.Message.ToVersion}, which is already running: nothing to do"));
    }

    public TimeProvider Time { get; }

    public DecisionOptions Options { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>
    /// When a timer of this length is due, on this machine's clock. Timers are scheduled at absolute times from the
    /// injected clock (not MassTransit's own DateTime.UtcNow) so that the durable scheduler, which reads the same clock,
    /// agrees with the saga on what is due.
    /// </summary>
    public DateTime Due(TimeSpan delay) => Time.GetUtcNow().UtcDateTime + delay;

    public State Healthy { get; private set; } = null!;

    public State AwaitingApproval { get; private set; } = null!;

    public State RollingBack { get; private set; } = null!;

    public State Verifying { get; private set; } = null!;

    public State CoolingDown { get; private set; } = null!;

    public State Remediating { get; private set; } = null!;

    public State Escalated { get; private set; } = null!;

    public Event<DeploymentRecorded> DeploymentRecorded { get; private set; } = null!;

    public Event<AnomalyDetected> AnomalyDetected { get; private set; } = null!;

    public Event<AnomalyCleared> AnomalyCleared { get; private set; } = null!;

    public Event<RollbackCompleted> RollbackCompleted { get; private set; } = null!;

    public Event<RollbackFailed> RollbackFailed { get; private set; } = null!;

    public Event<RemediationCompleted> RemediationCompleted { get; private set; } = null!;

    public Event<RemediationFailed> RemediationFailed { get; private set; } = null!;

    public Event<ApprovalDecided> ApprovalDecided { get; private set; } = null!;

    public Event<RequestManualRollback> ManualRollbackRequested { get; private set; } = null!;

    public Event<ResumeAutomation> AutomationResumed { get; private set; } = null!;

    public Event<OverrideCooldown> CooldownOverridden { get; private set; } = null!;

    public Schedule<ServiceState, VerificationElapsed> VerificationTimer { get; private set; } = null!;

    public Schedule<ServiceState, ExecutorTimedOut> ExecutorTimer { get; private set; } = null!;

    public Schedule<ServiceState, CooldownElapsed> CooldownTimer { get; private set; } = null!;

    public Schedule<ServiceState, ApprovalTimedOut> ApprovalTimer { get; private set; } = null!;

    public Schedule<ServiceState, SoakElapsed> SoakTimer { get; private set; } = null!;

    public Schedule<ServiceState, SettleElapsed> SettleTimer { get; private set; } = null!;

    /// <summary>The service's policy, or the defaults when the policy does not list it (then nothing is automated).</summary>
    public ServicePolicy Policy(ServiceState state) => _policies.Find(state.Environment, state.Service) ?? DefaultPolicy(state);

    public ServicePolicy? PolicyOrNull(ServiceState state) => _policies.Find(state.Environment, state.Service);

    public static Guid Key(string environment, string service) => new ServiceKey(environment, service).ToGuid();

    private static void ForExisting<T>(IEventCorrelationConfigurator<ServiceState, T> e, Func<ConsumeContext<T>, Guid> key)
        where T : class
    {
        e.CorrelateById(key);
        e.OnMissingInstance(m => m.Discard());
    }

    private static bool IsNewDeployment(BehaviorContext<ServiceState, DeploymentRecorded> c) =>
        c.Saga.Deployments.TrueForAll(d => d.DeploymentId != c.Message.DeploymentId);

    private static bool IsNewAnomaly(BehaviorContext<ServiceState, AnomalyDetected> c) => !c.Saga.Handled.Contains(c.Message.AnomalyId);

    private static bool IsNewCommand(BehaviorContext<ServiceState, RequestManualRollback> c) => !c.Saga.Handled.Contains(c.Message.CommandId);

    private static bool IsNewCommand(BehaviorContext<ServiceState, ResumeAutomation> c) => !c.Saga.Handled.Contains(c.Message.CommandId);

    private static bool IsNewCommand(BehaviorContext<ServiceState, OverrideCooldown> c) => !c.Saga.Handled.Contains(c.Message.CommandId);

    private static ServicePolicy DefaultPolicy(ServiceState state) => new()
    {
        Environment = state.Environment.Length > 0 ? state.Environment : "unknown",
        Name = state.Service.Length > 0 ? state.Service : "unknown",
        Target = new TargetPolicy { Driver = "none" },
        Detection = new DetectionPolicy(),
        Rollback = new RollbackPolicy(),
        Runbook = new RunbookPolicy(),
        Notify = new NotifyPolicy(),
    };

    private static Assessment ExecutorTimeout(ServiceState s) => new()
    {
        Verdict = Verdict.Escalate,
        Rule = "executor.timeout",
        ReasonCode = "executor-timeout",
        Reason = $"the executor did not answer the {s.Pending?.Action} request {s.Pending?.RequestId} in time",
    };

    private static Assessment Approved(ServiceState s, ApprovalDecided approval)
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

    private static Assessment ManualRollback(ServiceState s, RequestManualRollback command)
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
