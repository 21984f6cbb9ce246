using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Approvals;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Operations;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Contracts.Signals;

namespace Remediation.Contracts.Tests;

/// <summary>One fully populated sample of every message, with fixed values so its wire form can be pinned.</summary>
public static class Samples
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
    private static readonly Guid Incident = Guid.Parse("0b7c7f0e-3c4e-4a55-9a39-6f4a1d2a0001");
    private static readonly Guid Anomaly = Guid.Parse("0b7c7f0e-3c4e-4a55-9a39-6f4a1d2a0002");
    private static readonly Guid Request = Guid.Parse("0b7c7f0e-3c4e-4a55-9a39-6f4a1d2a0003");
    private static readonly Guid Decision = Guid.Parse("0b7c7f0e-3c4e-4a55-9a39-6f4a1d2a0004");
    private static readonly Guid Deployment = Guid.Parse("0b7c7f0e-3c4e-4a55-9a39-6f4a1d2a0005");
    private static readonly Guid Approval = Guid.Parse("0b7c7f0e-3c4e-4a55-9a39-6f4a1d2a0006");
    private static readonly Guid Command = Guid.Parse("0b7c7f0e-3c4e-4a55-9a39-6f4a1d2a0007");

    private static readonly SignalObservation[] Signals =
    [
        new()
        {
            Name = "error_rate", Value = 0.12, Threshold = 0.05, Direction = SignalDirection.Above, Unit = "ratio", Window = "5m",
            Source = "alertmanager", Fingerprint = "c3a1f0b2d4e5f607", Link = "http://prometheus:9090/graph?g0.expr=...", ObservedAt = At,
        },
        new()
        {
            Name = "quality_score", Value = 0.61, Threshold = 0.75, Direction = SignalDirection.Below, Unit = "score", Window = "10m",
            Source = "push", ObservedAt = At,
        },
    ];

    private static readonly DeploymentSummary Suspect = new()
    {
        DeploymentId = Deployment, Version = "v2", Revision = "7", Image = "registry.example.com/shop/checkout:v2", Commit = "9f1c2ab",
        Author = "dev@example.com", Description = "Switch payment client to async", DeployedAt = At.AddMinutes(-4),
    };

    public static IReadOnlyDictionary<Type, object> All { get; } = new Dictionary<Type, object>
    {
        [typeof(DeploymentRecorded)] = new DeploymentRecorded
        {
            DeploymentId = Deployment, Environment = "production", Service = "checkout", Version = "v2", Revision = "7",
            Image = "registry.example.com/shop/checkout:v2", Commit = "9f1c2ab", Author = "dev@example.com",
            Description = "Switch payment client to async", Irreversible = false, Source = "hook", DeployedAt = At.AddMinutes(-4), OccurredAt = At,
        },
        [typeof(AnomalyDetected)] = new AnomalyDetected
        {
            AnomalyId = Anomaly, Environment = "production", Service = "checkout", Severity = Severity.Critical, Signals = Signals, Quorum = 2,
            DetectedAt = At, OccurredAt = At,
        },
        [typeof(AnomalyCleared)] = new AnomalyCleared
        {
            AnomalyId = Anomaly, Environment = "production", Service = "checkout", Signals = Signals, DetectedAt = At, ClearedAt = At.AddMinutes(3),
            OccurredAt = At.AddMinutes(3),
        },
        [typeof(IncidentOpened)] = new IncidentOpened
        {
            IncidentId = Incident, AnomalyId = Anomaly, Environment = "production", Service = "checkout", Severity = Severity.Critical,
            Signals = Signals, SuspectDeployment = Suspect, CurrentVersion = "v2", DetectedAt = At, OpenedAt = At, OccurredAt = At,
        },
        [typeof(DecisionRecorded)] = new DecisionRecorded
        {
            DecisionId = Decision, IncidentId = Incident, Environment = "production", Service = "checkout", Outcome = DecisionOutcome.Rollback,
            Rule = "rollback.inside-window",
            Reason = "roll back v2 to v1 because error_rate 0.12 > 0.05, 4m after v2 was deployed (window 30m)", Shadow = false,
            State = "Healthy", Signals = Signals,
            VersionsConsidered =
            [
                new VersionCandidate { Version = "v1", Health = "healthy", DeployedAt = At.AddHours(-3), Eligible = true, Note = "healthy: verified" },
                new VersionCandidate { Version = "v0", Health = "healthy", DeployedAt = At.AddDays(-2), Eligible = false, Note = "healthy, older than v1" },
            ],
            Timers = [new TimerSet { Name = "executor-timeout", DueAt = At.AddMinutes(10) }],
            TargetVersion = "v1", DecidedBy = "automation", OccurredAt = At,
        },
        [typeof(RollbackRequested)] = new RollbackRequested
        {
            RequestId = Request, IncidentId = Incident, DecisionId = Decision, Environment = "production", Service = "checkout", FromVersion = "v2",
            ToVersion = "v1", ToRevision = "6", ToImage = "registry.example.com/shop/checkout:v1", Depth = 1,
            Reason = "roll back v2 to v1 because error_rate 0.12 > 0.05", RequestedBy = "automation", OccurredAt = At,
        },
        [typeof(RollbackCompleted)] = new RollbackCompleted
        {
            RequestId = Request, IncidentId = Incident, Environment = "production", Service = "checkout", FromVersion = "v2", ToVersion = "v1",
            Driver = "kubernetes", AlreadyAtTarget = false, Details = "deployment shop/checkout: revision 7 -> 8 (template of revision 6)",
            StartedAt = At, CompletedAt = At.AddSeconds(41), RolloutDuration = TimeSpan.FromSeconds(40.5), OccurredAt = At.AddSeconds(41),
        },
        [typeof(RollbackFailed)] = new RollbackFailed
        {
            RequestId = Request, IncidentId = Incident, Environment = "production", Service = "checkout", FromVersion = "v2", ToVersion = "v1",
            Driver = "kubernetes", ReasonCode = "revision-pruned", Reason = "revision 6 of shop/checkout no longer exists (revisionHistoryLimit 2)",
            StartedAt = At, OccurredAt = At.AddSeconds(1),
        },
        [typeof(RemediationRequested)] = new RemediationRequested
        {
            RequestId = Request, IncidentId = Incident, DecisionId = Decision, Environment = "production", Service = "checkout", Action = "scale",
            Parameters = new Dictionary<string, string> { ["factor"] = "2", ["max"] = "10" }, Step = 2,
            Reason = "run scale (runbook step 2 of 3) because still anomalous", OccurredAt = At,
        },
        [typeof(RemediationCompleted)] = new RemediationCompleted
        {
            RequestId = Request, IncidentId = Incident, Environment = "production", Service = "checkout", Action = "scale", Step = 2,
            Details = "scaled shop/checkout from 3 to 6 replicas", Duration = TimeSpan.FromSeconds(12), OccurredAt = At,
        },
        [typeof(RemediationFailed)] = new RemediationFailed
        {
            RequestId = Request, IncidentId = Incident, Environment = "production", Service = "checkout", Action = "restart", Step = 1,
            ReasonCode = "target-error", Reason = "the API server answered 503 ServiceUnavailable", OccurredAt = At,
        },
        [typeof(ApprovalRequested)] = new ApprovalRequested
        {
            ApprovalId = Approval, IncidentId = Incident, DecisionId = Decision, Environment = "production", Service = "checkout", Action = "rollback",
            FromVersion = "v2", ToVersion = "v1", Reason = "awaiting approval to roll back v2 to v1", ExpiresAt = At.AddMinutes(15), OccurredAt = At,
        },
        [typeof(ApprovalDecided)] = new ApprovalDecided
        {
            ApprovalId = Approval, IncidentId = Incident, Environment = "production", Service = "checkout", Approved = true, DecidedBy = "alice",
            Comment = "go ahead", OccurredAt = At.AddMinutes(2),
        },
        [typeof(IncidentEscalated)] = new IncidentEscalated
        {
            IncidentId = Incident, Environment = "production", Service = "checkout", Severity = Severity.Critical, ReasonCode = "chain-exhausted",
            Reason = "v1 is bad too and no earlier version is known to be healthy", Chain = ["v2", "v1"], CurrentVersion = "v1",
            DecisionId = Decision, OccurredAt = At,
        },
        [typeof(IncidentResolved)] = new IncidentResolved
        {
            IncidentId = Incident, Environment = "production", Service = "checkout", ResolvedVersion = "v1", Chain = ["v2", "v1"],
            Resolution = "verified", OpenedAt = At, ResolvedAt = At.AddMinutes(6), OccurredAt = At.AddMinutes(6),
        },
        [typeof(RequestManualRollback)] = new RequestManualRollback
        {
            CommandId = Command, Environment = "production", Service = "checkout", ToVersion = "v1", RequestedBy = "alice",
            Reason = "customers report failed payments", OccurredAt = At,
        },
        [typeof(ResumeAutomation)] = new ResumeAutomation
        {
            CommandId = Command, Environment = "production", Service = "checkout", RequestedBy = "alice", Reason = "fixed forward in v3", OccurredAt = At,
        },
        [typeof(OverrideCooldown)] = new OverrideCooldown
        {
            CommandId = Command, Environment = "production", Service = "checkout", RequestedBy = "alice", Reason = "second bad deploy today", OccurredAt = At,
        },
    };
}
