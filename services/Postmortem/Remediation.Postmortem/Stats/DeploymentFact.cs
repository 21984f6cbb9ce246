namespace Remediation.Postmortem.Stats;

/// <summary>A deployment as the statistics count it.</summary>
public sealed record DeploymentFact(Guid Id, string Environment, string Service, string Version, DateTimeOffset DeployedAt);
