using Remediation.Contracts.Deployments;
using Remediation.Contracts.Signals;

namespace Remediation.Postmortem.Incidents;

/// <summary>What an incident's events say about it, whatever order they came in (see <see cref="IncidentProjection"/>).</summary>
public sealed record IncidentSummary
{
    public required Guid IncidentId { get; init; }

    /// <summary>True once its <c>IncidentOpened</c> is in; events that came earlier wait for it.</summary>
    public bool Opened { get; init; }

    public required string Environment { get; init; }

    public required string Service { get; init; }

    public Severity Severity { get; init; } = Severity.Major;

    public IncidentState State { get; init; }

    /// <summary>The anomaly that opened it.</summary>
    public Guid? AnomalyId { get; init; }

    public DateTimeOffset? OpenedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>How it resolved (<c>verified</c>, <c>cleared</c>, ...), when it did.</summary>
    public string? Resolution { get; init; }

    /// <summary>Why it escalated (<c>chain-exhausted</c>, ...), when it did.</summary>
    public string? EscalationReasonCode { get; init; }

    /// <summary>The version running when it opened.</summary>
    public string? CurrentVersion { get; init; }

    /// <summary>The version running at resolution or escalation.</summary>
    public string? FinalVersion { get; init; }

    /// <summary>The versions it went through, oldest first (<c>v2, v1, v0</c>).</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];

    /// <summary>The suspect change, as <c>IncidentOpened</c> named it.</summary>
    public DeploymentSummary? SuspectDeployment { get; init; }

    public int Rollbacks { get; init; }

    public int FailedRollbacks { get; init; }

    public required IncidentTimings Timings { get; init; }

    /// <summary>When it resolved or escalated (null while open).</summary>
    public DateTimeOffset? EndedAt => ResolvedAt ?? EscalatedAt;

    /// <summary>The time it covers for attachment: from detection (or opening) to its end.</summary>
    public IncidentWindow? Window =>
        Opened && OpenedAt is { } opened
            ? new IncidentWindow(IncidentId, AnomalyId, Timings.DetectedAt is { } d && d < opened ? d : opened, EndedAt)
            : null;
}
