using System.Text.Json.Serialization;

namespace Remediation.Detector.Evaluation;

/// <summary>
/// What the detector knows about one (environment, service): its active signals by name and its open anomaly. Immutable:
/// the evaluator returns a new one, so a state that is being stored is never seen half-changed.
/// </summary>
public sealed record ServiceState
{
    public static readonly ServiceState Empty = new();

    public IReadOnlyDictionary<string, ActiveSignal> Signals { get; init; } = new Dictionary<string, ActiveSignal>(StringComparer.Ordinal);

    public OpenAnomaly? Anomaly { get; init; }

    /// <summary>True while a signal waits out its flap suppression period: the sweep must look at this state again.</summary>
    [JsonIgnore]
    public bool HasRecoveringSignals => Signals.Values.Any(s => !s.IsBreaching);
}
