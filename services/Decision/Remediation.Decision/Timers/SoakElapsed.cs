namespace Remediation.Decision.Timers;

/// <summary>A newly deployed version ran its verification period. Scheduled by the decision saga on the durable scheduler; private to it.</summary>
public sealed record SoakElapsed(Guid CorrelationId);
