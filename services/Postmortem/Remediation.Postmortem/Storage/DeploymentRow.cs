using Remediation.Contracts.Deployments;

namespace Remediation.Postmortem.Storage;

/// <summary>A deployment of a service (<c>postmortem_deployments</c>), for suspect changes and the change failure rate.</summary>
public sealed class DeploymentRow
{
    /// <summary>The deployment's own id; a redelivered <c>DeploymentRecorded</c> is recorded once.</summary>
    public Guid Id { get; set; }

    public required string Environment { get; set; }

    public required string Service { get; set; }

    public required string Version { get; set; }

    public string? Revision { get; set; }

    public string? Image { get; set; }

    public string? Commit { get; set; }

    public string? Author { get; set; }

    public string? Description { get; set; }

    public bool Irreversible { get; set; }

    public string Source { get; set; } = "hook";

    public DateTimeOffset DeployedAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The deployment as the message that recorded it.</summary>
    public DeploymentRecorded ToMessage() => new()
    {
        DeploymentId = Id,
        Environment = Environment,
        Service = Service,
        Version = Version,
        Revision = Revision,
        Image = Image,
        Commit = Commit,
        Author = Author,
        Description = Description,
        Irreversible = Irreversible,
        Source = Source,
        DeployedAt = DeployedAt,
        OccurredAt = RecordedAt,
    };
}
