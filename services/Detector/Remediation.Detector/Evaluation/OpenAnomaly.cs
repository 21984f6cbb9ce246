using Remediation.Contracts.Signals;

namespace Remediation.Detector.Evaluation;

/// <summary>The anomaly a service is in: published once, cleared once.</summary>
public sealed record OpenAnomaly
{
    public required Guid AnomalyId { get; init; }

    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>The last observation of each signal that settled (recovered for good) while the anomaly was open.</summary>
    public IReadOnlyDictionary<string, SignalObservation> Settled { get; init; } = new Dictionary<string, SignalObservation>();
}
