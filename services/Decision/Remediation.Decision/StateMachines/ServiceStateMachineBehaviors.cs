using MassTransit;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Operations;
using Remediation.Contracts.Rollbacks;
using Remediation.Decision.Policies;
using Remediation.Decision.Records;
using Remediation.Decision.Timers;
using Remediation.Policy;

namespace Remediation.Decision.StateMachines;

/// <summary>
/// Behaviour the state machine repeats in several transitions, as extensions on its activity binders so that each
/// transition still reads as the process: track the anomaly, assess it, open the incident, act on the assessment.
/// </summary>
internal static class ServiceStateMachineBehaviors
{
    public static EventActivityBinder<ServiceState, DeploymentRecorded> RecordDeployment(
        this EventActivityBinder<ServiceState, DeploymentRecorded> binder, ServiceStateMachine machine) =>
        binder.Then(c =>
        {
            var s = c.Saga;
            var m = c.Message;
            Identify(s, m.Environment, m.Service);
            s.Deployments.Add(new DeploymentEntry
            {
                DeploymentId = m.DeploymentId,
                Version = m.Version,
                Revision = m.Revision,
                Image = m.Image,
                Commit = m.Commit,
                Author = m.Author,
                Description = m.Description,
                Irreversible = m.Irreversible,
                DeployedAt = m.DeployedAt,
            });
            s.Deployments.Sort((a, b) => a.DeployedAt.CompareTo(b.DeployedAt));
            if (s.Deployments.Count > machine.Options.DeploymentHistoryLimit)
                s.Deployments.RemoveRange(0, s.Deployments.Count - machine.Options.DeploymentHistoryLimit);
            s.CurrentVersion = s.Deployments[^1].Version;
        });

    /// <summary>
    /// Stores the decision this message made (its <see cref="DecisionRecorded"/> payload) in <c>decision_records</c>, in
    /// the saga's own transaction, and publishes it for the notifier and the post-mortem service.
    /// </summary>
    public static EventActivityBinder<ServiceState, T> RecordDecision<T>(this EventActivityBinder<ServiceState, T> binder)
        where T : class =>
        binder
            .Then(c => c.GetPayload<DecisionDbContext>().Decisions.Add(DecisionRecord.From(c.GetPayload<DecisionRecorded>())))
            .Publish(c => c.GetPayload<DecisionRecorded>());

    public static EventActivityBinder<ServiceState, SoakElapsed> MarkSoakedVersionHealthy(
        this EventActivityBinder<ServiceState, SoakElapsed> binder, ServiceStateMachine machine) =>
        binder.If(c => c.Saga is { CurrentVersion: not null, IncidentId: null } && !IsBad(c.Saga, c.Saga.CurrentVersion!), b => b
            .Then(c =>
            {
                var s = c.Saga;
                var reason = $"ran {Duration.Format(machine.Policy(s).Rollback.VerifyFor)} after its deployment without anomalies";
                s.Versions[s.CurrentVersion!] = new VersionHealth(HealthVerdict.Healthy, machine.Now, reason);
                var decision = ServiceMessages.Decision(s, DecisionOutcome.VersionHealth, "version.soaked", $"{s.CurrentVersion} is healthy: {reason}",
                    machine.Now, target: s.CurrentVersion);
                c.AddOrUpdatePayload(() => decision, _ => decision);
            })
            .RecordDecision());

    public static EventActivityBinder<ServiceState, AnomalyDetected> TrackAnomaly(
        this EventActivityBinder<ServiceState, AnomalyDetected> binder, ServiceStateMachine machine) =>
        binder.Then(c =>
        {
            var s = c.Saga;
            var m = c.Message;
            Identify(s, m.Environment, m.Service);
            Remember(s, m.AnomalyId, machine.Options.DeduplicationWindow);
            s.AnomalyId = m.AnomalyId;
            s.AnomalyActive = true;
            s.Signals = [.. m.Signals];
            s.Severity = s.IncidentId is null || m.Severity > s.Severity ? m.Severity : s.Severity;
            s.DetectedAt ??= m.DetectedAt;
        });

    public static EventActivityBinder<ServiceState, AnomalyCleared> ClearAnomaly(this EventActivityBinder<ServiceState, AnomalyCleared> binder) =>
        binder.Then(c => c.Saga.AnomalyActive = false);

    public static EventActivityBinder<ServiceState, RequestManualRollback> Identify(this EventActivityBinder<ServiceState, RequestManualRollback> binder) =>
        binder.Then(c => Identify(c.Saga, c.Message.Environment, c.Message.Service));

    /// <summary>Keeps the assessment of this message for the activities that follow (it is not stored with the saga).</summary>
    public static EventActivityBinder<ServiceState, T> Assess<T>(this EventActivityBinder<ServiceState, T> binder, ServiceStateMachine machine,
        Func<BehaviorContext<ServiceState, T>, Assessment> assess)
        where T : class =>
        binder.Then(c =>
        {
            _ = machine;
            var assessment = assess(c);
            c.AddOrUpdatePayload(() => assessment, _ => assessment);
        });

    public static EventActivityBinder<ServiceState, T> OpenIncident<T>(this EventActivityBinder<ServiceState, T> binder, ServiceStateMachine machine)
        where T : class =>
        binder.If(c => c.Saga.IncidentId is null, b => b
            .Then(c =>
            {
                var s = c.Saga;
                s.IncidentId = NewId.NextGuid();
                s.IncidentOpenedAt = machine.Now;
                s.DetectedAt ??= machine.Now;
                s.Chain = s.CurrentVersion is null ? [] : [s.CurrentVersion];
                s.Depth = 0;
                s.RunbookStep = 0;
            })
            .Unschedule(machine.SoakTimer)
            .Publish(c => ServiceMessages.Opened(c.Saga, machine.Now)));

    /// <summary>
    /// Records the assessment as a decision and acts on it: request the rollback, hold it for approval, run the runbook
    /// step, escalate, or (shadow mode, notify only) stay with the incident open until the anomaly clears.
    /// </summary>
    public static EventActivityBinder<ServiceState, T> Act<T>(this EventActivityBinder<ServiceState, T> binder, ServiceStateMachine machine,
        Func<BehaviorContext<ServiceState, T>, string>? decidedBy = null)
        where T : class =>
        binder
            .Then(c => ActionPreparation.Prepare(c, machine, decidedBy?.Invoke(c) ?? "automation"))
            .RecordDecision()
            .If(c => Verdict(c) == Policies.Verdict.Rollback, b => b
                .Publish(c => ServiceMessages.Rollback(c.Saga, c.Saga.Pending!, machine.Now))
                .Schedule(machine.ExecutorTimer, c => new ExecutorTimedOut(c.Saga.CorrelationId), c => machine.Due(machine.Policy(c.Saga).Rollback.ExecutorTimeout))
                .TransitionTo(machine.RollingBack))
            .If(c => Verdict(c) == Policies.Verdict.AwaitApproval, b => b
                .Publish(c => ServiceMessages.Approval(c.Saga, c.Saga.Pending!, machine.Now + machine.Policy(c.Saga).Rollback.ApprovalTimeout, machine.Now))
                .Schedule(machine.ApprovalTimer, c => new ApprovalTimedOut(c.Saga.CorrelationId), c => machine.Due(machine.Policy(c.Saga).Rollback.ApprovalTimeout))
                .TransitionTo(machine.AwaitingApproval))
            .If(c => Verdict(c) == Policies.Verdict.Remediate, b => b
                .Publish(c => ServiceMessages.Remediation(c.Saga, c.Saga.Pending!, machine.Now))
                .Schedule(machine.ExecutorTimer, c => new ExecutorTimedOut(c.Saga.CorrelationId), c => machine.Due(machine.Policy(c.Saga).Rollback.ExecutorTimeout))
                .TransitionTo(machine.Remediating))
            .If(c => Verdict(c) == Policies.Verdict.Escalate, b => b
                .Then(c =>
                {
                    c.Saga.EscalationReason = c.GetPayload<Assessment>().Reason;
                    c.Saga.Pending = null;
                })
                .UnscheduleAll(machine)
                .Publish(c => ServiceMessages.Escalated(c.Saga, c.GetPayload<Assessment>().ReasonCode ?? "escalated", c.GetPayload<Assessment>().Reason,
                    c.GetPayload<DecisionRecorded>().DecisionId, machine.Now))
                .TransitionTo(machine.Escalated))
            .If(c => Verdict(c) is Policies.Verdict.Shadow or Policies.Verdict.NotifyOnly, b => b
                .TransitionTo(machine.Healthy));

    public static EventActivityBinder<ServiceState, RollbackCompleted> RolledBack(
        this EventActivityBinder<ServiceState, RollbackCompleted> binder, ServiceStateMachine machine) =>
        binder
            .Then(c =>
            {
                var s = c.Saga;
                var m = c.Message;
                if (m.FromVersion != m.ToVersion && m.FromVersion != "unknown")
                    s.Versions[m.FromVersion] = new VersionHealth(HealthVerdict.Bad, machine.Now, $"rolled back to {m.ToVersion}: {s.Pending?.Reason}");
                s.CurrentVersion = m.ToVersion;
                s.Chain.Add(m.ToVersion);
                s.Pending = null;
                var verifyFor = machine.Policy(s).Rollback.VerifyFor;
                var decision = ServiceMessages.Decision(s, DecisionOutcome.Resolve, "verify.start",
                    $"{m.Driver} rolled {m.FromVersion} back to {m.ToVersion} in {Duration.Format(m.RolloutDuration)}; verifying {m.ToVersion} for {Duration.Format(verifyFor)}",
                    machine.Now, target: m.ToVersion, timers: [new TimerSet { Name = "verification", DueAt = machine.Now + verifyFor }]);
                c.AddOrUpdatePayload(() => decision, _ => decision);
            })
            .RecordDecision();

    public static EventActivityBinder<ServiceState, T> MarkCurrentVersionBad<T>(this EventActivityBinder<ServiceState, T> binder,
        ServiceStateMachine machine, Func<BehaviorContext<ServiceState, T>, string> reason)
        where T : class =>
        binder.Then(c =>
        {
            if (c.Saga.CurrentVersion is { } version)
                c.Saga.Versions[version] = new VersionHealth(HealthVerdict.Bad, machine.Now, reason(c));
        });

    /// <summary>Ends the incident: the version running is verified healthy (when it was rolled back to), cool down.</summary>
    public static EventActivityBinder<ServiceState, T> Resolve<T>(this EventActivityBinder<ServiceState, T> binder, ServiceStateMachine machine,
        string resolution)
        where T : class =>
        binder
            .Then(c =>
            {
                var s = c.Saga;
                var cooldown = machine.Policy(s).Rollback.Cooldown;
                var acted = s.Depth > 0 || s.RunbookStep > 0;
                if (s.Depth > 0 && s.CurrentVersion is { } version)
                    s.Versions[version] = new VersionHealth(HealthVerdict.Healthy, machine.Now, $"passed verification after the rollback to it ({resolution})");
                var reason = resolution switch
                {
                    "verified" => $"{s.CurrentVersion} ran its verification period without anomalies",
                    "cleared" => $"the signals recovered on {s.CurrentVersion ?? "the running version"}",
                    _ => $"the runbook brought the signals back on {s.CurrentVersion ?? "the running version"}",
                };
                var timers = acted && cooldown > TimeSpan.Zero ? new[] { new TimerSet { Name = "cooldown", DueAt = machine.Now + cooldown } } : [];
                var decision = ServiceMessages.Decision(s, DecisionOutcome.Resolve, "resolve." + resolution,
                    $"incident resolved: {reason}" + (timers.Length > 0 ? $"; cooling down for {Duration.Format(cooldown)}" : ""),
                    machine.Now, target: s.CurrentVersion, timers: timers);
                c.AddOrUpdatePayload(() => decision, _ => decision);
                c.AddOrUpdatePayload(() => new Cooling(timers.Length > 0, cooldown), _ => new Cooling(timers.Length > 0, cooldown));
            })
            .RecordDecision()
            .CloseIncident(machine, resolution)
            .If(c => c.GetPayload<Cooling>().Active, b => b
                .Then(c => c.Saga.CooldownUntil = machine.Now + c.GetPayload<Cooling>().For)
                .Schedule(machine.CooldownTimer, c => new CooldownElapsed(c.Saga.CorrelationId), c => machine.Due(c.GetPayload<Cooling>().For))
                .TransitionTo(machine.CoolingDown))
            .If(c => !c.GetPayload<Cooling>().Active, b => b
                .TransitionTo(machine.Healthy));

    /// <summary>Publishes IncidentResolved and forgets the incident (its record lives on in the postmortem service).</summary>
    public static EventActivityBinder<ServiceState, T> CloseIncident<T>(this EventActivityBinder<ServiceState, T> binder, ServiceStateMachine machine,
        string resolution)
        where T : class =>
        binder
            .Publish(c => ServiceMessages.Resolved(c.Saga, resolution, machine.Now))
            .UnscheduleAll(machine)
            .Then(c =>
            {
                var s = c.Saga;
                s.IncidentId = null;
                s.IncidentOpenedAt = null;
                s.DetectedAt = null;
                s.Chain = [];
                s.Depth = 0;
                s.RunbookStep = 0;
                s.Pending = null;
                s.Signals = [];
            });

    public static EventActivityBinder<ServiceState, T> RecordOperation<T>(this EventActivityBinder<ServiceState, T> binder, ServiceStateMachine machine,
        Func<BehaviorContext<ServiceState, T>, Guid> commandId, Func<BehaviorContext<ServiceState, T>, string> by, string rule,
        Func<BehaviorContext<ServiceState, T>, string> reason)
        where T : class =>
        binder
            .Then(c => Remember(c.Saga, commandId(c), machine.Options.DeduplicationWindow))
            .Publish(c => ServiceMessages.Decision(c.Saga, DecisionOutcome.Override, rule, reason(c), machine.Now, decidedBy: by(c)));

    private static EventActivityBinder<ServiceState, T> UnscheduleAll<T>(this EventActivityBinder<ServiceState, T> binder, ServiceStateMachine machine)
        where T : class =>
        binder
            .Unschedule(machine.VerificationTimer)
            .Unschedule(machine.ExecutorTimer)
            .Unschedule(machine.ApprovalTimer)
            .Unschedule(machine.SettleTimer)
            .Unschedule(machine.SoakTimer);

    private static Verdict Verdict<T>(BehaviorContext<ServiceState, T> c)
        where T : class =>
        c.GetPayload<Assessment>().Verdict;

    private static bool IsBad(ServiceState s, string version) => s.Versions.GetValueOrDefault(version)?.Verdict == HealthVerdict.Bad;

    private static void Identify(ServiceState s, string environment, string service)
    {
        if (s.Environment.Length == 0)
            s.Environment = environment;
        if (s.Service.Length == 0)
            s.Service = service;
    }

    public static void Remember(ServiceState s, Guid id, int limit)
    {
        s.Handled.Add(id);
        if (s.Handled.Count > limit)
            s.Handled.RemoveRange(0, s.Handled.Count - limit);
    }

    private sealed record Cooling(bool Active, TimeSpan For);
}
