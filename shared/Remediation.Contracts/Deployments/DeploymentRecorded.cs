namespace Remediation.Contracts.Deployments;

/// <summary>
/// A version of a service reached an environment: posted by a CI/CD hook, or observed by the executor.
/// Consumers deduplicate by <see cref="DeploymentId"/>.
/// </summary>
public sealed record DeploymentRecorded
{
    /// <summary>Identity of this deployment; the same deployment reported twice carries the same id.</summary>
    public required Guid DeploymentId { get; init; }

    /// <summary>The environment, for example <c>production</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The service, for example <c>checkout</c>.</summary>
    public required string Service { get; init; }

    /// <summary>The version that was deployed, for example <c>v2</c> or <c>1.14.3</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The target's own revision (a Kubernetes Deployment revision, a CD revision), when known.</summary>
    public string? Revision { get; init; }

    /// <summary>The container image, when known.</summary>
    public string? Image { get; init; }

    /// <summary>The commit the version was built from, when known.</summary>
    public string? Commit { get; init; }

    /// <summary>Who made the change, when known.</summary>
    public string? Author { get; init; }

    /// <summary>A short description of the change (pull request title, release note), when known.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// True when the deployment must not be rolled back automatically (for example an irreversible schema migration):
    /// an anomaly escalates to humans instead.
    /// </summary>
    public bool Irreversible { get; init; }

    /// <summary>Who reported the deployment: <c>hook</c>, <c>executor</c>, ...</summary>
    public string Source { get; init; } = "hook";

    /// <summary>When the deployment finished.</summary>
    public required DateTimeOffset DeployedAt { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
