namespace Remediation.Shared.Tests.Sagas.Messages;

/// <summary>Creates the counter (or counts another start when it exists).</summary>
public sealed record StartCounter(Guid CounterId, Guid StepId);
