namespace Remediation.Postmortem.Reports;

/// <summary>Each signal before and after: from the signals themselves and, when configured, from Prometheus.</summary>
public sealed record MetricsReport
{
    public IReadOnlyList<MetricComparison> Signals { get; init; } = [];

    /// <summary>Why Prometheus figures are missing (not configured, no query for a signal, an error), when they are.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
