namespace Remediation.Detector.Options;

/// <summary>Datadog's webhook integration with the payload template in docs/detector.md.</summary>
public sealed class DatadogSourceOptions
{
    /// <summary><c>$ALERT_TRANSITION</c> values that mean the monitor breaches.</summary>
    public List<string> BreachTransitions { get; set; } = ["Triggered", "Re-Triggered", "Renotify"];

    /// <summary><c>$ALERT_TRANSITION</c> values that mean the monitor recovered.</summary>
    public List<string> RecoveryTransitions { get; set; } = ["Recovered"];

    /// <summary>
    /// Transitions that are accepted and change nothing (warnings, no data). A transition in none of the lists is
    /// rejected as an invalid field.
    /// </summary>
    public List<string> IgnoredTransitions { get; set; } = ["Warn", "Re-Warn", "No Data", "Re-No Data", "Null"];
}
