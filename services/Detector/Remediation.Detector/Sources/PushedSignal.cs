using System.Text.Json;

namespace Remediation.Detector.Sources;

/// <summary>One pushed signal: a custom metric's value for a service.</summary>
internal sealed class PushedSignal
{
    public string? Service { get; set; }
    public string? Environment { get; set; }
    public string? Signal { get; set; }
    public JsonElement? Value { get; set; }
    public JsonElement? Threshold { get; set; }
    public string? Direction { get; set; }
    public string? Unit { get; set; }
    public string? Window { get; set; }
    public string? Timestamp { get; set; }
    public string? Source { get; set; }
    public string? Severity { get; set; }
    public string? Link { get; set; }
}

/// <summary>A batch: <c>{ "signals": [ ... ] }</c>.</summary>
internal sealed class PushedSignalBatch
{
    public List<PushedSignal?>? Signals { get; set; }
}
