using Remediation.Contracts.Signals;

namespace Remediation.Contracts.Anomalies;

/// <summary>
/// At least a quorum of independent signals breach for one service in one environment. Published once per anomaly:
/// re-sent alerts do not publish again until the anomaly has cleared. Consumers deduplicate by <see cref="AnomalyId"/>.
/// </summary>
public sealed record AnomalyDetected
{
    /// <summary>Identity of the anomaly; <see cref="AnomalyCleared"/> carries the same id.</summary>
    public required Guid AnomalyId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The highest severity among the breaching signals.</summary>
    public Severity Severity { get; init; } = Severity.Major;

    /// <summary>Every breaching signal with its value, threshold, direction, window and source.</summary>
    public required IReadOnlyList<SignalObservation> Signals { get; init; }

    /// <summary>The quorum that was met (independent signals required).</summary>
    public int Quorum { get; init; }

    /// <summary>When the quorum was first met.</summary>
    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
