using Remediation.Contracts.Signals;
using Remediation.Postmortem.Incidents;
using Remediation.Postmortem.Storage;

namespace Remediation.Postmortem.Api;

/// <summary>An incident as <c>GET /api/incidents</c> lists it.</summary>
public sealed record IncidentView
{
    public required Guid Id { get; init; }

    public required string Environment { get; init; }

    public required string Service { get; init; }

    public Severity Severity { get; init; }

    public IncidentState State { get; init; }

    public string? Resolution { get; init; }

    public string? EscalationReasonCode { get; init; }

    public DateTimeOffset? OpenedAt { get; init; }

    public DateTimeOffset? DetectedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? EscalatedAt { get; init; }

    public string? SuspectVersion { get; init; }

    public string? CurrentVersion { get; init; }

    public string? FinalVersion { get; init; }

    public IReadOnlyList<string> Chain { get; init; } = [];

    public int Rollbacks { get; init; }

    public int FailedRollbacks { get; init; }

    public TimeSpan? TimeToDetect { get; init; }

    public TimeSpan? TimeToAct { get; init; }

    public TimeSpan? TimeToRecover { get; init; }

    /// <summary>Where its report is (Markdown; add <c>?format=json</c> for JSON).</summary>
    public required string Report { get; init; }

    internal static IncidentView From(IncidentRow row) => new()
    {
        Id = row.Id,
        Environment = row.Environment,
        Service = row.Service,
        Severity = row.Severity,
        State = row.State,
        Resolution = row.Resolution,
        EscalationReasonCode = row.EscalationReasonCode,
        OpenedAt = row.OpenedAt,
        DetectedAt = row.DetectedAt,
        ResolvedAt = row.ResolvedAt,
        EscalatedAt = row.EscalatedAt,
        SuspectVersion = row.SuspectVersion,
        CurrentVersion = row.CurrentVersion,
        FinalVersion = row.FinalVersion,
        Chain = row.Chain,
        Rollbacks = row.Rollbacks,
        FailedRollbacks = row.FailedRollbacks,
        TimeToDetect = Seconds(row.TimeToDetectSeconds),
        TimeToAct = Seconds(row.TimeToActSeconds),
        TimeToRecover = Seconds(row.TimeToRecoverSeconds),
        Report = $"/api/incidents/{row.Id}/report",
    };

    private static TimeSpan? Seconds(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
