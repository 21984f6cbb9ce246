namespace Remediation.Postmortem.Prometheus;

/// <summary>What a range query around an incident returned for one signal.</summary>
public sealed record SignalMetrics
{
    public required string Signal { get; init; }

    public required string Query { get; init; }

    public DateTimeOffset From { get; init; }

    public DateTimeOffset To { get; init; }

    public TimeSpan Step { get; init; }

    public IReadOnlyList<MetricSeries> Series { get; init; } = [];

    /// <summary>Why there are no series (the query failed), when so.</summary>
    public string? Error { get; init; }
}
