namespace Remediation.Integration.Tests.Support;

/// <summary>A message the probe received: the event, its transport message id, and when it arrived.</summary>
public sealed record RecordedMessage(object Message, Guid? MessageId, DateTimeOffset ReceivedAt);
