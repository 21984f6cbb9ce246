namespace Remediation.Shared.Tests.Sagas.Messages;

/// <summary>Adds one to the counter.</summary>
public sealed record IncrementCounter(Guid CounterId, Guid StepId);
