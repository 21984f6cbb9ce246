namespace Remediation.Postmortem;

/// <summary>Prometheus range queries around an incident, for the report's metrics before and after.</summary>
public sealed class PrometheusOptions
{
    /// <summary>Prometheus' base URL (for example <c>http://prometheus:9090</c>); empty turns the queries off.</summary>
    public string? Url { get; set; }

    /// <summary>A bearer token for Prometheus, when it sits behind an authenticating proxy. Never logged.</summary>
    public string? BearerToken { get; set; }

    /// <summary>PromQL per signal name; <c>$environment</c> and <c>$service</c> are replaced by the incident's. These win over the policy's checks.</summary>
    public Dictionary<string, string> Queries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Also use the queries of the service's detection checks in the policy (<c>detection.checks</c>).</summary>
    public bool UsePolicyChecks { get; set; } = true;

    /// <summary>How far before the incident's start the range begins (the "before" window).</summary>
    public TimeSpan Before { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How far after the incident's end the range goes (the "after" window), capped at the time of writing.</summary>
    public TimeSpan After { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>About how many points each range query asks for; the step is the range divided by it.</summary>
    public int Points { get; set; } = 120;

    /// <summary>The smallest step asked for.</summary>
    public TimeSpan MinimumStep { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one query may take; a slow or failing Prometheus leaves a note in the report, never blocks it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most queries one report makes.</summary>
    public int MaxQueries { get; set; } = 10;
}
