namespace Remediation.Detector.State;

/// <summary>A message stored in the outbox (row <paramref name="OutboxId"/>) that is still to be published.</summary>
public sealed record PendingMessage(long OutboxId, object Message);
