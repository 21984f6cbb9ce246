namespace Remediation.Postmortem.Prometheus;

/// <summary>A sample: its time and value (NaN and infinities as Prometheus sends them).</summary>
public readonly record struct MetricSample(DateTimeOffset At, double Value);
