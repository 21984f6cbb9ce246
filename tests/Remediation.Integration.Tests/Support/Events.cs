using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Rollbacks;
using Remediation.Contracts.Signals;

namespace Remediation.Integration.Tests.Support;

/// <summary>Events as the detector and the executor publish them, for tests that play those services on the broker.</summary>
public static class Events
{
    public static DeploymentRecorded Deployment(string service, string version, string environment = Policies.Production) => new()
    {
        DeploymentId = Guid.NewGuid(),
        Environment = environment,
        Service = service,
        Version = version,
        Commit = $"c0ffee{version}",
        Author = "dev@example.com",
        DeployedAt = DateTimeOffset.UtcNow,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    public static AnomalyDetected Anomaly(string service, string environment = Policies.Production) => new()
    {
        AnomalyId = Guid.NewGuid(),
        Environment = environment,
        Service = service,
        Severity = Severity.Critical,
        Quorum = 2,
        Signals =
        [
            new SignalObservation { Name = "error_rate", Value = 0.31, Threshold = 0.05, Source = "alertmanager", ObservedAt = DateTimeOffset.UtcNow },
            new SignalObservation { Name = "latency_p99_ms", Value = 4200, Threshold = 3000, Source = "alertmanager", ObservedAt = DateTimeOffset.UtcNow },
        ],
        DetectedAt = DateTimeOffset.UtcNow,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    public static AnomalyCleared Cleared(AnomalyDetected anomaly) => new()
    {
        AnomalyId = anomaly.AnomalyId,
        Environment = anomaly.Environment,
        Service = anomaly.Service,
        DetectedAt = anomaly.DetectedAt,
        ClearedAt = DateTimeOffset.UtcNow,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    /// <summary>The executor's answer to <paramref name="request"/>: done.</summary>
    public static RollbackCompleted Completed(RollbackRequested request) => new()
    {
        RequestId = request.RequestId,
        IncidentId = request.IncidentId,
        Environment = request.Environment,
        Service = request.Service,
        FromVersion = request.FromVersion,
        ToVersion = request.ToVersion,
        Driver = "webhook",
        Details = "CD webhook POST answered 202 Accepted after 1 call(s)",
        StartedAt = DateTimeOffset.UtcNow.AddMilliseconds(-40),
        CompletedAt = DateTimeOffset.UtcNow,
        RolloutDuration = TimeSpan.FromMilliseconds(40),
        OccurredAt = DateTimeOffset.UtcNow,
    };
}
