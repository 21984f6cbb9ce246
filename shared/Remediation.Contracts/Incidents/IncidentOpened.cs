using Remediation.Contracts.Deployments;
using Remediation.Contracts.Signals;

namespace Remediation.Contracts.Incidents;

/// <summary>
/// The decision service opened an incident for an anomaly. Every later lifecycle event of the incident carries
/// <see cref="IncidentId"/>. Consumers deduplicate by it.
/// </summary>
public sealed record IncidentOpened
{
    /// <summary>Identity of the incident.</summary>
    public required Guid IncidentId { get; init; }

    /// <summary>The anomaly that opened it.</summary>
    public required Guid AnomalyId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The severity, which routes notifications.</summary>
    public Severity Severity { get; init; } = Severity.Major;

    /// <summary>The breaching signals.</summary>
    public IReadOnlyList<SignalObservation> Signals { get; init; } = [];

    /// <summary>The latest deployment, the suspect change, when there is one.</summary>
    public DeploymentSummary? SuspectDeployment { get; init; }

    /// <summary>The version running when the incident opened, when known.</summary>
    public string? CurrentVersion { get; init; }

    /// <summary>When the anomaly was detected.</summary>
    public DateTimeOffset DetectedAt { get; init; }

    /// <summary>When the incident was opened.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
