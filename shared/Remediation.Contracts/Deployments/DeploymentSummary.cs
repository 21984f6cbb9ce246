namespace Remediation.Contracts.Deployments;

/// <summary>What is known about one deployed version: carried where a message names a suspect or a target version.</summary>
public sealed record DeploymentSummary
{
    /// <summary>The deployment's id, as its <see cref="DeploymentRecorded"/> carried it.</summary>
    public Guid DeploymentId { get; init; }

    /// <summary>The version.</summary>
    public required string Version { get; init; }

    /// <summary>The target's own revision, when known.</summary>
    public string? Revision { get; init; }

    /// <summary>The container image, when known.</summary>
    public string? Image { get; init; }

    /// <summary>The commit, when known.</summary>
    public string? Commit { get; init; }

    /// <summary>The author, when known.</summary>
    public string? Author { get; init; }

    /// <summary>The change's description, when known.</summary>
    public string? Description { get; init; }

    /// <summary>When the version was deployed.</summary>
    public DateTimeOffset DeployedAt { get; init; }
}
