using Remediation.Contracts.Signals;

namespace Remediation.Contracts.Anomalies;

/// <summary>The signals of an anomaly recovered. Consumers deduplicate by <see cref="AnomalyId"/>.</summary>
public sealed record AnomalyCleared
{
    /// <summary>The anomaly that cleared (the id its <see cref="AnomalyDetected"/> carried).</summary>
    public required Guid AnomalyId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The signals as last seen when they recovered.</summary>
    public IReadOnlyList<SignalObservation> Signals { get; init; } = [];

    /// <summary>When the anomaly was detected.</summary>
    public DateTimeOffset DetectedAt { get; init; }

    /// <summary>When the last breaching signal recovered.</summary>
    public required DateTimeOffset ClearedAt { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
