namespace Remediation.Detector.Options;

/// <summary>Prometheus' HTTP API for the pull health checks (<c>detection.checks</c> in the policy).</summary>
public sealed class PrometheusOptions
{
    /// <summary>Base URL, for example <c>http://prometheus:9090</c>. Unset: checks in the policy are not run (a warning says so).</summary>
    public string? Url { get; set; }

    /// <summary>Timeout of one query; a query that times out is inconclusive.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the runner looks for checks that are due.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromMilliseconds(250);
}
