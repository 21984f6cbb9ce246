namespace Remediation.Detector.Sources;

/// <summary>
/// Alertmanager's webhook body (version 4), also the base of Grafana alerting's webhook body (version 1), which adds the
/// Grafana-only fields at the end.
/// </summary>
internal sealed class AlertmanagerWebhook
{
    public string? Version { get; set; }
    public string? GroupKey { get; set; }
    public int? TruncatedAlerts { get; set; }
    public string? Status { get; set; }
    public string? Receiver { get; set; }
    public Dictionary<string, string>? GroupLabels { get; set; }
    public Dictionary<string, string>? CommonLabels { get; set; }
    public Dictionary<string, string>? CommonAnnotations { get; set; }
    public string? ExternalUrl { get; set; }
    public List<AlertmanagerAlert?>? Alerts { get; set; }

    // Grafana only.
    public long? OrgId { get; set; }
    public string? State { get; set; }
    public string? Title { get; set; }
    public string? Message { get; set; }
}

/// <summary>One alert of a webhook body (Grafana adds values, valueString and its URLs).</summary>
internal sealed class AlertmanagerAlert
{
    public string? Status { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public string? GeneratorUrl { get; set; }
    public string? Fingerprint { get; set; }

    // Grafana only.
    public Dictionary<string, double?>? Values { get; set; }
    public string? ValueString { get; set; }
    public string? SilenceUrl { get; set; }
    public string? DashboardUrl { get; set; }
    public string? PanelUrl { get; set; }
}
