using Remediation.Contracts.Signals;

namespace Remediation.Detector.Ingestion;

/// <summary>
/// One alert or signal as a source sent it, before it is mapped to a service: the common shape every parser produces.
/// </summary>
public sealed record SourceAlert
{
    /// <summary><c>alertmanager</c>, <c>grafana</c>, <c>datadog</c>, <c>push</c> or <c>prometheus</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Labels (Datadog: tags split at the first colon).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The alert's name (<c>alertname</c>, Datadog metric), used when no signal label names the signal.</summary>
    public string? AlertName { get; init; }

    /// <summary>The signal's name when the source states it directly (push, pull checks).</summary>
    public string? Signal { get; init; }

    /// <summary>
    /// Whether the source says it breaches; null when the detector must compare <see cref="Value"/> with the threshold
    /// (pushed metrics).
    /// </summary>
    public bool? Firing { get; init; }

    /// <summary>The source's identity of this alert instance (already prefixed with the source).</summary>
    public required string Fingerprint { get; init; }

    public DateTimeOffset ObservedAt { get; init; }

    public double? Value { get; init; }

    public double? Threshold { get; init; }

    public SignalDirection? Direction { get; init; }

    public string? Unit { get; init; }

    public string? Window { get; init; }

    public string? Link { get; init; }

    public Severity? Severity { get; init; }
}
