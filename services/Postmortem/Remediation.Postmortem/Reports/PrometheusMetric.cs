namespace Remediation.Postmortem.Reports;

/// <summary>
/// One series of a Prometheus range query around the incident: the mean before it started, the worst while it lasted,
/// and the mean after it ended.
/// </summary>
public sealed record PrometheusMetric
{
    public required string Query { get; init; }

    /// <summary>The series' labels, <c>{job="checkout"}</c>; empty for a single unlabelled series.</summary>
    public string Series { get; init; } = "";

    public double? Before { get; init; }

    public double? Worst { get; init; }

    public double? After { get; init; }

    public DateTimeOffset From { get; init; }

    public DateTimeOffset To { get; init; }

    public TimeSpan Step { get; init; }

    public int Samples { get; init; }
}
