namespace Remediation.Postmortem;

/// <summary>The postmortem service's settings. Bound from <c>Remediation:Postmortem</c> and validated at start.</summary>
public sealed class PostmortemOptions
{
    public const string Section = "Remediation:Postmortem";

    /// <summary>Where metrics before and after an incident come from; off when <see cref="PrometheusOptions.Url"/> is empty.</summary>
    public PrometheusOptions Prometheus { get; set; } = new();

    /// <summary>Thresholds of the rules that suggest preventive actions.</summary>
    public PreventiveRuleOptions Rules { get; set; } = new();

    /// <summary>The largest page <c>GET /api/incidents</c> returns.</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary>Name of the receive endpoint (queue) of every postmortem consumer; the messaging queue prefix is added to it.</summary>
    public string Queue { get; set; } = "postmortem";
}
