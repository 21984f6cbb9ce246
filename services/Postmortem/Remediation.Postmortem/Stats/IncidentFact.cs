using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Stats;

/// <summary>An incident as the statistics count it.</summary>
public sealed record IncidentFact
{
    public required Guid Id { get; init; }

    public required string Environment { get; init; }

    public required string Service { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public IncidentState State { get; init; }

    public int Rollbacks { get; init; }

    public int FailedRollbacks { get; init; }

    public Guid? SuspectDeploymentId { get; init; }

    public string? SuspectVersion { get; init; }

    public TimeSpan? TimeToDetect { get; init; }

    public TimeSpan? TimeToAct { get; init; }

    public TimeSpan? TimeToRecover { get; init; }
}
