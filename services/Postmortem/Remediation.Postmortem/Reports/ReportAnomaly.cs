using Remediation.Contracts.Signals;

namespace Remediation.Postmortem.Reports;

/// <summary>One anomaly of the incident: the breaching signals when detected, and as they were when it cleared.</summary>
public sealed record ReportAnomaly
{
    public Guid? AnomalyId { get; init; }

    public required DateTimeOffset DetectedAt { get; init; }

    public DateTimeOffset? ClearedAt { get; init; }

    public Severity Severity { get; init; }

    public int Quorum { get; init; }

    /// <summary>True for the anomaly that opened the incident.</summary>
    public bool Opening { get; init; }

    public IReadOnlyList<SignalObservation> Signals { get; init; } = [];

    public IReadOnlyList<SignalObservation> ClearedSignals { get; init; } = [];
}
