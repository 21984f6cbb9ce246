namespace Remediation.Decision.Timers;

/// <summary>The verification period of a version after a rollback ended. Scheduled by the decision saga on the durable scheduler; private to it.</summary>
public sealed record VerificationElapsed(Guid CorrelationId);
