namespace Remediation.Detector.Options;

/// <summary>Settings of each inbound source.</summary>
public sealed class SourcesOptions
{
    public AlertmanagerSourceOptions Alertmanager { get; set; } = new();

    public GrafanaSourceOptions Grafana { get; set; } = new();

    public DatadogSourceOptions Datadog { get; set; } = new();
}
