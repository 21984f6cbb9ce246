namespace Remediation.Shared.Tests.Sagas.Messages;

/// <summary>Cancels the pending reminder.</summary>
public sealed record CancelCounterReminder(Guid CounterId);
