using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Rollbacks;
using Remediation.Contracts.Signals;

namespace Remediation.Postmortem.Tests;

/// <summary>
/// Incidents as the other services publish them. <see cref="Fallback"/>: checkout v2 deployed at T0 breaches, is rolled
/// back to v1 (43 s), v1 breaches while verifying and is rolled back to v0 (3 min 8 s, slow), and v0 is verified.
/// </summary>
public static class Scenarios
{
    public static readonly DateTimeOffset T0 = new(2024, 5, 2, 10, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int minutes, int seconds = 0) => T0.AddMinutes(minutes).AddSeconds(seconds);

    public sealed record Ids
    {
        public string Service { get; init; } = "checkout";
        public Guid Incident { get; init; } = Guid.NewGuid();
        public Guid DeployV0 { get; init; } = Guid.NewGuid();
        public Guid DeployV1 { get; init; } = Guid.NewGuid();
        public Guid DeployV2 { get; init; } = Guid.NewGuid();
        public Guid Anomaly1 { get; init; } = Guid.NewGuid();
        public Guid Anomaly2 { get; init; } = Guid.NewGuid();
        public Guid Decision1 { get; init; } = Guid.NewGuid();
        public Guid Decision2 { get; init; } = Guid.NewGuid();
        public Guid Decision3 { get; init; } = Guid.NewGuid();
        public Guid Rollback1 { get; init; } = Guid.NewGuid();
        public Guid Rollback2 { get; init; } = Guid.NewGuid();
    }

    public static SignalObservation ErrorRate(double value, DateTimeOffset observedAt = default) => new()
    {
        Name = "error_rate", Value = value, Threshold = 0.05, Direction = SignalDirection.Above, Unit = "ratio", Window = "1m",
        Source = "alertmanager", Fingerprint = "fp-error", ObservedAt = observedAt,
    };

    public static SignalObservation Latency(double value, DateTimeOffset observedAt = default) => new()
    {
        Name = "latency_p99_ms", Value = value, Threshold = 3000, Direction = SignalDirection.Above, Unit = "ms",
        Source = "prometheus", ObservedAt = observedAt,
    };

    public static DeploymentRecorded Deployment(Guid id, string version, DateTimeOffset at, string service = "checkout", string environment = "production") => new()
    {
        DeploymentId = id, Environment = environment, Service = service, Version = version, Revision = version.TrimStart('v'),
        Image = $"registry.local/{service}:{version}", Commit = $"{version.TrimStart('v')}a1b2c3d4e5f60718293a4b5c6d7e8f9012345", Author = "alice",
        Description = $"Release {version}", DeployedAt = at, OccurredAt = at,
    };

    public static AnomalyDetected Anomaly(Guid id, DateTimeOffset at, string service = "checkout", params SignalObservation[] signals) => new()
    {
        AnomalyId = id, Environment = "production", Service = service, Severity = Severity.Major,
        Signals = signals.Length > 0 ? signals : [ErrorRate(0.12, at.AddMinutes(-1)), Latency(4200, at.AddSeconds(-30))],
        Quorum = 2, DetectedAt = at, OccurredAt = at,
    };

    public static AnomalyCleared Cleared(Guid id, DateTimeOffset detectedAt, DateTimeOffset clearedAt, params SignalObservation[] signals) =>
        Cleared("checkout", id, detectedAt, clearedAt, signals);

    public static AnomalyCleared Cleared(string service, Guid id, DateTimeOffset detectedAt, DateTimeOffset clearedAt, params SignalObservation[] signals) => new()
    {
        AnomalyId = id, Environment = "production", Service = service, Signals = signals, DetectedAt = detectedAt, ClearedAt = clearedAt, OccurredAt = clearedAt,
    };

    public static RollbackRequested Rollback(Ids ids, Guid requestId, string from, string to, int depth, DateTimeOffset at) => new()
    {
        RequestId = requestId, IncidentId = ids.Incident, Environment = "production", Service = ids.Service, FromVersion = from, ToVersion = to,
        ToRevision = to.TrimStart('v'), Depth = depth, Reason = $"{from} breaches; {to} was the last healthy version", OccurredAt = at,
    };

    public static RollbackCompleted Completed(Ids ids, Guid requestId, string from, string to, DateTimeOffset started, DateTimeOffset completed) => new()
    {
        RequestId = requestId, IncidentId = ids.Incident, Environment = "production", Service = ids.Service, FromVersion = from, ToVersion = to,
        Driver = "kubernetes", Details = $"shop/checkout to revision {to.TrimStart('v')}", StartedAt = started, CompletedAt = completed,
        RolloutDuration = completed - started - TimeSpan.FromSeconds(1), OccurredAt = completed,
    };

    public static DecisionRecorded Decision(Ids ids, Guid id, DecisionOutcome outcome, string rule, string reason, DateTimeOffset at, string? target = null, bool withIncident = true) => new()
    {
        DecisionId = id, IncidentId = withIncident ? ids.Incident : null, Environment = "production", Service = ids.Service, Outcome = outcome,
        Rule = rule, Reason = reason, TargetVersion = target, OccurredAt = at,
    };

    public static IncidentOpened Opened(Ids ids) => new()
    {
        IncidentId = ids.Incident, AnomalyId = ids.Anomaly1, Environment = "production", Service = ids.Service, Severity = Severity.Major,
        Signals = [ErrorRate(0.12, At(2, 10)), Latency(4200, At(2, 40))], CurrentVersion = "v2",
        SuspectDeployment = new DeploymentSummary
        {
            DeploymentId = ids.DeployV2, Version = "v2", Revision = "2", Commit = "2a1b2c3d4e5f60718293a4b5c6d7e8f9012345", Author = "alice",
            Description = "Release v2", DeployedAt = T0,
        },
        DetectedAt = At(3, 10), OpenedAt = At(3, 11), OccurredAt = At(3, 11),
    };

    /// <summary>The deployments of checkout: v0 two days before, v1 one day before, v2 at T0.</summary>
    public static IReadOnlyList<object> Deployments(Ids ids) =>
        [Deployment(ids.DeployV0, "v0", T0.AddDays(-2), ids.Service), Deployment(ids.DeployV1, "v1", T0.AddDays(-1), ids.Service), Deployment(ids.DeployV2, "v2", T0, ids.Service)];

    /// <summary>The whole fallback incident, in the order the services publish it (deployments first).</summary>
    public static IReadOnlyList<object> Fallback(Ids ids) =>
    [
        .. Deployments(ids),
        Anomaly(ids.Anomaly1, At(3, 10), ids.Service, ErrorRate(0.12, At(2, 10)), Latency(4200, At(2, 40))),
        Opened(ids),
        Decision(ids, ids.Decision1, DecisionOutcome.Rollback, "rollback.inside-window",
            "rolled back to v1 because error_rate 0.12 > 0.05 three minutes after v2 was deployed", At(3, 11), "v1"),
        Rollback(ids, ids.Rollback1, "v2", "v1", 1, At(3, 12)),
        Completed(ids, ids.Rollback1, "v2", "v1", At(3, 13), At(3, 55)),
        Cleared(ids.Service, ids.Anomaly1, At(3, 10), At(4, 30), ErrorRate(0.02), Latency(800)),
        Anomaly(ids.Anomaly2, At(6), ids.Service, ErrorRate(0.09, At(5, 30)), Latency(3900, At(5, 40))),
        Decision(ids, ids.Decision2, DecisionOutcome.Rollback, "rollback.fallback", "v1 breaches while verifying: falling back to v0", At(6, 1), "v0", withIncident: false),
        Rollback(ids, ids.Rollback2, "v1", "v0", 2, At(6, 2)),
        Completed(ids, ids.Rollback2, "v1", "v0", At(6, 3), At(9, 10)),
        Cleared(ids.Service, ids.Anomaly2, At(6), At(10), ErrorRate(0.01), Latency(700)),
        Decision(ids, ids.Decision3, DecisionOutcome.Resolve, "resolve.verified", "v0 ran 5m without anomalies", At(15, 10)),
        new IncidentResolved
        {
            IncidentId = ids.Incident, Environment = "production", Service = ids.Service, ResolvedVersion = "v0", Chain = ["v2", "v1", "v0"],
            Resolution = "verified", OpenedAt = At(3, 11), ResolvedAt = At(15, 10), OccurredAt = At(15, 10),
        },
    ];

    /// <summary>
    /// An incident that escalates: v2 → v1 completes, v1 breaches, the rollback to v0 fails (revision pruned), and the
    /// decision service escalates.
    /// </summary>
    public static IReadOnlyList<object> Escalated(Ids ids) =>
    [
        .. Deployments(ids),
        Anomaly(ids.Anomaly1, At(3, 10), ids.Service, ErrorRate(0.12, At(2, 10)), Latency(4200, At(2, 40))),
        Opened(ids),
        Rollback(ids, ids.Rollback1, "v2", "v1", 1, At(3, 12)),
        Completed(ids, ids.Rollback1, "v2", "v1", At(3, 13), At(3, 55)),
        Anomaly(ids.Anomaly2, At(6), ids.Service, ErrorRate(0.09, At(5, 30)), Latency(3900, At(5, 40))),
        Rollback(ids, ids.Rollback2, "v1", "v0", 2, At(6, 2)),
        new RollbackFailed
        {
            RequestId = ids.Rollback2, IncidentId = ids.Incident, Environment = "production", Service = ids.Service, FromVersion = "v1", ToVersion = "v0",
            Driver = "kubernetes", ReasonCode = "revision-pruned", Reason = "revision 0 of shop/checkout was pruned (revisionHistoryLimit 2)",
            StartedAt = At(6, 3), OccurredAt = At(6, 5),
        },
        new IncidentEscalated
        {
            IncidentId = ids.Incident, Environment = "production", Service = ids.Service, Severity = Severity.Critical, ReasonCode = "rollback-failed",
            Reason = "The rollback to v0 failed: revision 0 was pruned.", Chain = ["v2", "v1"], CurrentVersion = "v1", OccurredAt = At(6, 6),
        },
    ];
}
