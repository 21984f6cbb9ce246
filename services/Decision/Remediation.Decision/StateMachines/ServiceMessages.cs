using Remediation.Contracts.Approvals;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Contracts.Signals;
using Remediation.Decision.Policies;

namespace Remediation.Decision.StateMachines;

/// <summary>The events the decision saga publishes, built from its state.</summary>
internal static class ServiceMessages
{
    public static IncidentOpened Opened(ServiceState s, DateTimeOffset now)
    {
        var latest = s.Deployments.LastOrDefault();
        return new IncidentOpened
        {
            IncidentId = s.IncidentId!.Value,
            AnomalyId = s.AnomalyId ?? Guid.Empty,
            Environment = s.Environment,
            Service = s.Service,
            Severity = s.Severity,
            Signals = [.. s.Signals],
            SuspectDeployment = latest is null || latest.Version != s.CurrentVersion ? null : Summary(latest),
            CurrentVersion = s.CurrentVersion,
            DetectedAt = s.DetectedAt ?? now,
            OpenedAt = s.IncidentOpenedAt ?? now,
            OccurredAt = now,
        };
    }

    public static DecisionRecorded Decision(ServiceState s, DecisionOutcome outcome, string rule, string reason, DateTimeOffset now,
        IReadOnlyList<VersionCandidate>? candidates = null, string? target = null, IReadOnlyList<TimerSet>? timers = null,
        string decidedBy = "automation", bool shadow = false) =>
        new()
        {
            DecisionId = Guid.NewGuid(),
            IncidentId = s.IncidentId,
            Environment = s.Environment,
            Service = s.Service,
            Outcome = outcome,
            Rule = rule,
            Reason = reason,
            Shadow = shadow,
            State = s.CurrentState,
            Signals = [.. s.Signals],
            VersionsConsidered = candidates ?? [],
            Timers = timers ?? [],
            TargetVersion = target,
            DecidedBy = decidedBy,
            OccurredAt = now,
        };

    public static DecisionOutcome Outcome(Verdict verdict) => verdict switch
    {
        Verdict.Rollback => DecisionOutcome.Rollback,
        Verdict.AwaitApproval => DecisionOutcome.AwaitApproval,
        Verdict.Shadow => DecisionOutcome.WouldAct,
        Verdict.Remediate => DecisionOutcome.Remediate,
        Verdict.Escalate => DecisionOutcome.Escalate,
        Verdict.NotifyOnly => DecisionOutcome.NotifyOnly,
        _ => DecisionOutcome.NoAction,
    };

    public static RollbackRequested Rollback(ServiceState s, PendingAction p, DateTimeOffset now) =>
        new()
        {
            RequestId = p.RequestId,
            IncidentId = s.IncidentId!.Value,
            DecisionId = p.DecisionId,
            Environment = s.Environment,
            Service = s.Service,
            FromVersion = p.FromVersion ?? "unknown",
            ToVersion = p.ToVersion!,
            ToRevision = p.ToRevision,
            ToImage = p.ToImage,
            Depth = s.Depth,
            Reason = p.Reason,
            RequestedBy = p.RequestedBy,
            OccurredAt = now,
        };

    public static RemediationRequested Remediation(ServiceState s, PendingAction p, DateTimeOffset now) =>
        new()
        {
            RequestId = p.RequestId,
            IncidentId = s.IncidentId!.Value,
            DecisionId = p.DecisionId,
            Environment = s.Environment,
            Service = s.Service,
            Action = p.Action,
            Parameters = p.Parameters,
            Step = s.RunbookStep,
            Reason = p.Reason,
            OccurredAt = now,
        };

    public static ApprovalRequested Approval(ServiceState s, PendingAction p, DateTimeOffset expiresAt, DateTimeOffset now) =>
        new()
        {
            ApprovalId = p.ApprovalId!.Value,
            IncidentId = s.IncidentId!.Value,
            DecisionId = p.DecisionId,
            Environment = s.Environment,
            Service = s.Service,
            Action = p.Action,
            FromVersion = p.FromVersion,
            ToVersion = p.ToVersion,
            Reason = p.Reason,
            ExpiresAt = expiresAt,
            OccurredAt = now,
        };

    public static IncidentEscalated Escalated(ServiceState s, string code, string reason, Guid? decisionId, DateTimeOffset now) =>
        new()
        {
            IncidentId = s.IncidentId!.Value,
            Environment = s.Environment,
            Service = s.Service,
            Severity = Severity.Critical,
            ReasonCode = code,
            Reason = reason,
            Chain = [.. s.Chain],
            CurrentVersion = s.CurrentVersion,
            DecisionId = decisionId,
            OccurredAt = now,
        };

    public static IncidentResolved Resolved(ServiceState s, string resolution, DateTimeOffset now) =>
        new()
        {
            IncidentId = s.IncidentId!.Value,
            Environment = s.Environment,
            Service = s.Service,
            ResolvedVersion = s.CurrentVersion,
            Chain = [.. s.Chain],
            Resolution = resolution,
            OpenedAt = s.IncidentOpenedAt ?? now,
            ResolvedAt = now,
            OccurredAt = now,
        };

    public static DeploymentSummary Summary(DeploymentEntry d) =>
        new()
        {
            DeploymentId = d.DeploymentId,
            Version = d.Version,
            Revision = d.Revision,
            Image = d.Image,
            Commit = d.Commit,
            Author = d.Author,
            Description = d.Description,
            DeployedAt = d.DeployedAt,
        };
}
