namespace Remediation.Decision.StateMachines;

/// <summary>One deployment in a service's history.</summary>
public sealed record DeploymentEntry
{
    public Guid DeploymentId { get; init; }

    public required string Version { get; init; }

    public string? Revision { get; init; }

    public string? Image { get; init; }

    public string? Commit { get; init; }

    public string? Author { get; init; }

    public string? Description { get; init; }

    public bool Irreversible { get; init; }

    public DateTimeOffset DeployedAt { get; init; }
}
