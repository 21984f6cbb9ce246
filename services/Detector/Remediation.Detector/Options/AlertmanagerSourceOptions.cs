namespace Remediation.Detector.Options;

/// <summary>Alertmanager's webhook receiver (payload version 4).</summary>
public sealed class AlertmanagerSourceOptions
{
    /// <summary>Annotation that carries the observed value (put <c>{{ $value }}</c> in it in the alerting rule).</summary>
    public string ValueAnnotation { get; set; } = "value";

    /// <summary>Annotation that carries the rule's threshold, when the rule states it.</summary>
    public string ThresholdAnnotation { get; set; } = "threshold";
}
