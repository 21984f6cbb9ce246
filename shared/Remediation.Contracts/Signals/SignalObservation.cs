namespace Remediation.Contracts.Signals;

/// <summary>
/// One signal as a monitoring source reported it: what was measured, its value, the threshold it was compared with
/// and where it came from. Carried by anomaly events so that decisions and reports can say why.
/// </summary>
public sealed record SignalObservation
{
    /// <summary>The signal's name, for example <c>error_rate</c>, <c>latency_p99_ms</c> or <c>quality_score</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The observed value, when the source reported one.</summary>
    public double? Value { get; init; }

    /// <summary>The threshold the value was compared with, when known.</summary>
    public double? Threshold { get; init; }

    /// <summary>Which side of the threshold is a breach.</summary>
    public SignalDirection Direction { get; init; } = SignalDirection.Above;

    /// <summary>The unit of <see cref="Value"/> and <see cref="Threshold"/>, for example <c>ratio</c>, <c>ms</c>, <c>percent</c>.</summary>
    public string? Unit { get; init; }

    /// <summary>The evaluation window of the source, for example <c>5m</c>, when known.</summary>
    public string? Window { get; init; }

    /// <summary>The source kind: <c>alertmanager</c>, <c>grafana</c>, <c>datadog</c>, <c>push</c> or <c>prometheus</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The source's own identity of the signal (Alertmanager fingerprint, Datadog alert cycle key, ...).</summary>
    public string? Fingerprint { get; init; }

    /// <summary>A link back to the source (generator URL, dashboard, monitor), when the source gave one.</summary>
    public string? Link { get; init; }

    /// <summary>When the source observed the value (or when the alert started).</summary>
    public DateTimeOffset ObservedAt { get; init; }
}
