namespace Remediation.Shared.Tests.Messaging;

/// <summary>A message for the messaging tests.</summary>
public sealed record Ping(Guid Id);
