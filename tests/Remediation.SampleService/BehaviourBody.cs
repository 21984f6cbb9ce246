namespace Remediation.SampleService;

/// <summary>The body of <c>/admin/behaviour</c>.</summary>
public sealed record BehaviourBody(double? ErrorRatio, int? LatencyMs);
