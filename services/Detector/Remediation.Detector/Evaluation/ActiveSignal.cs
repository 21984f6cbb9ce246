using System.Text.Json.Serialization;
using Remediation.Contracts.Signals;

namespace Remediation.Detector.Evaluation;

/// <summary>A signal of a service that breaches, or recovered less than the flap suppression period ago.</summary>
public sealed record ActiveSignal
{
    /// <summary>The latest breaching observation (what an anomaly reports).</summary>
    public required SignalObservation Latest { get; init; }

    /// <summary>The last observation of any kind, recovery included (what a cleared anomaly reports).</summary>
    public required SignalObservation LastSeen { get; init; }

    /// <summary>The alert instances (fingerprints) that breach now; empty while recovering.</summary>
    public IReadOnlyList<string> Fingerprints { get; init; } = [];

    public Severity Severity { get; init; } = Severity.Major;

    public DateTimeOffset BreachingSince { get; init; }

    /// <summary>When the last instance recovered; the signal settles once the flap suppression period has passed.</summary>
    public DateTimeOffset? RecoveredAt { get; init; }

    [JsonIgnore]
    public bool IsBreaching => RecoveredAt is null;
}
