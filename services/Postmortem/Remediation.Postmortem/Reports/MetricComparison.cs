using Remediation.Contracts.Signals;

namespace Remediation.Postmortem.Reports;

/// <summary>One signal: its threshold, its value at detection, its worst, and its value when it recovered.</summary>
public sealed record MetricComparison
{
    public required string Signal { get; init; }

    public string? Unit { get; init; }

    public SignalDirection Direction { get; init; }

    public double? Threshold { get; init; }

    /// <summary>The value the first anomaly reported.</summary>
    public double? AtDetection { get; init; }

    /// <summary>The worst value any anomaly of the incident reported (highest above, lowest below).</summary>
    public double? Worst { get; init; }

    /// <summary>The value when the anomaly cleared, when it did.</summary>
    public double? AtRecovery { get; init; }

    /// <summary>Range-query figures around the incident, per series.</summary>
    public IReadOnlyList<PrometheusMetric> Prometheus { get; init; } = [];
}
