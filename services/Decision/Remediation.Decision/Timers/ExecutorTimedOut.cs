namespace Remediation.Decision.Timers;

/// <summary>The executor did not answer a request in time. Scheduled by the decision saga on the durable scheduler; private to it.</summary>
public sealed record ExecutorTimedOut(Guid CorrelationId);
