namespace Remediation.Decision.StateMachines;

/// <summary>What the saga learned about a version, when and why.</summary>
public sealed record VersionHealth(HealthVerdict Verdict, DateTimeOffset Since, string Reason);
