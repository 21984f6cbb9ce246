namespace Remediation.Decision.Timers;

/// <summary>Nobody approved or rejected a held action in time. Scheduled by the decision saga on the durable scheduler; private to it.</summary>
public sealed record ApprovalTimedOut(Guid CorrelationId);
