namespace Remediation.Decision.Timers;

/// <summary>The settle period after a runbook action ended. Scheduled by the decision saga on the durable scheduler; private to it.</summary>
public sealed record SettleElapsed(Guid CorrelationId);
