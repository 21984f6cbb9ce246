namespace Remediation.Detector.Options;

/// <summary>
/// How a source's labels (Datadog: tags <c>key:value</c>) map to (environment, service) and to a signal name. The first
/// label present wins.
/// </summary>
public sealed class MappingOptions
{
    public List<string> ServiceLabels { get; set; } = ["service"];

    public List<string> EnvironmentLabels { get; set; } = ["environment", "env"];

    /// <summary>Environment for signals that carry none (unset: such signals map to no service).</summary>
    public string? DefaultEnvironment { get; set; }

    /// <summary>The label that names the signal directly (<c>signal="error_rate"</c>).</summary>
    public string SignalLabel { get; set; } = "signal";

    /// <summary>
    /// Alert name (Alertmanager/Grafana <c>alertname</c>, Datadog <c>$ALERT_METRIC</c> or title) → signal name, for alerts
    /// without a signal label. An alert in neither uses its alert name as the signal name.
    /// </summary>
    public Dictionary<string, string> AlertNameSignals { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The label that carries the severity (<c>critical</c>, <c>major</c>/<c>error</c>/<c>page</c>, <c>minor</c>/<c>warning</c>/<c>info</c>).</summary>
    public string SeverityLabel { get; set; } = "severity";
}
