using System.Text.Json;

namespace Remediation.Detector.Sources;

/// <summary>The Datadog webhook payload template of docs/detector.md (each field is a <c>$VARIABLE</c>).</summary>
internal sealed class DatadogWebhook
{
    public string? Id { get; set; }
    public string? AlertId { get; set; }
    public string? AlertCycleKey { get; set; }
    public string? AlertTransition { get; set; }
    public string? AlertStatus { get; set; }
    public string? AlertTitle { get; set; }
    public string? AlertMetric { get; set; }
    public string? AlertQuery { get; set; }
    public string? AlertScope { get; set; }
    public string? AlertPriority { get; set; }
    public string? AlertType { get; set; }
    public string? Tags { get; set; }
    public string? Date { get; set; }
    public string? LastUpdated { get; set; }
    public string? Link { get; set; }
    public string? Hostname { get; set; }

    /// <summary>Optional fields a team may add to the template: a string (<c>"0.12"</c>) or a number.</summary>
    public JsonElement? Value { get; set; }
    public JsonElement? Threshold { get; set; }
    public string? Unit { get; set; }
    public string? Window { get; set; }
}
