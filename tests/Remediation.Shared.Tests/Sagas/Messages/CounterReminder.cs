namespace Remediation.Shared.Tests.Sagas.Messages;

/// <summary>The scheduled message.</summary>
public sealed record CounterReminder(Guid CounterId);
