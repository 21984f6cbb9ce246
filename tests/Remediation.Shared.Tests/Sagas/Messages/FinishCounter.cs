namespace Remediation.Shared.Tests.Sagas.Messages;

/// <summary>Ends the counter (its row is deleted).</summary>
public sealed record FinishCounter(Guid CounterId);
