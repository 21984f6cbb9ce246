using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Signals;

namespace Remediation.Decision.Tests.Support;

/// <summary>Anomaly events as the detector publishes them.</summary>
public static class Signals
{
    public static AnomalyDetected Anomaly(string environment, string service, Guid? id = null, Severity severity = Severity.Critical) =>
        new()
        {
            AnomalyId = id ?? Guid.NewGuid(),
            Environment = environment,
            Service = service,
            Severity = severity,
            Quorum = 2,
            Signals =
            [
                new SignalObservation { Name = "error_rate", Value = 0.12, Threshold = 0.05, Source = "alertmanager", ObservedAt = DateTimeOffset.UtcNow },
                new SignalObservation { Name = "latency_p99_ms", Value = 4200, Threshold = 3000, Source = "alertmanager", ObservedAt = DateTimeOffset.UtcNow },
            ],
            DetectedAt = DateTimeOffset.UtcNow,
            OccurredAt = DateTimeOffset.UtcNow,
        };

    public static AnomalyCleared Cleared(string environment, string service, Guid anomalyId) =>
        new()
        {
            AnomalyId = anomalyId,
            Environment = environment,
            Service = service,
            ClearedAt = DateTimeOffset.UtcNow,
            OccurredAt = DateTimeOffset.UtcNow,
        };
}
