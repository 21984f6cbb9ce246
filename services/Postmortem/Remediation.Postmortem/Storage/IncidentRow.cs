using Remediation.Contracts.Signals;
using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Storage;

/// <summary>
/// An incident (<c>postmortem_incidents</c>): the projection of its timeline, kept for listing, filtering and statistics.
/// A row exists as soon as any event names the incident; it is listed once its <c>IncidentOpened</c> is in.
/// </summary>
public sealed class IncidentRow
{
    public Guid Id { get; set; }

    public required string Environment { get; set; }

    public required string Service { get; set; }

    public bool Opened { get; set; }

    public Severity Severity { get; set; }

    public IncidentState State { get; set; }

    public Guid? AnomalyId { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? DetectedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>Start of the time it covers for attachment (detection or opening).</summary>
    public DateTimeOffset? WindowStart { get; set; }

    /// <summary>Resolution or escalation.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public string? Resolution { get; set; }

    public string? EscalationReasonCode { get; set; }

    public string? CurrentVersion { get; set; }

    public string? FinalVersion { get; set; }

    public List<string> Chain { get; set; } = [];

    public Guid? SuspectDeploymentId { get; set; }

    public string? SuspectVersion { get; set; }

    public DateTimeOffset? SuspectDeployedAt { get; set; }

    public int Rollbacks { get; set; }

    public int FailedRollbacks { get; set; }

    public double? TimeToDetectSeconds { get; set; }

    public double? TimeToActSeconds { get; set; }

    public double? TimeToRecoverSeconds { get; set; }

    public int EventCount { get; set; }

    /// <summary>Grows with every change to what the report is built from; the report records the revision it saw.</summary>
    public long Revision { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
