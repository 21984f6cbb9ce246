namespace Remediation.Decision.Timers;

/// <summary>The cooldown after an incident ended. Scheduled by the decision saga on the durable scheduler; private to it.</summary>
public sealed record CooldownElapsed(Guid CorrelationId);
