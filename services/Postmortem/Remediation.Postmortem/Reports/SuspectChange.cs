namespace Remediation.Postmortem.Reports;

/// <summary>The change the incident is blamed on: the latest deployment when it opened, from the deployment record.</summary>
public sealed record SuspectChange
{
    public Guid? DeploymentId { get; init; }

    public required string Version { get; init; }

    public string? Revision { get; init; }

    public string? Image { get; init; }

    public string? Commit { get; init; }

    public string? Author { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? DeployedAt { get; init; }

    public bool Irreversible { get; init; }

    /// <summary>Who reported the deployment (<c>hook</c>, <c>executor</c>); null when only the incident named it.</summary>
    public string? Source { get; init; }
}
