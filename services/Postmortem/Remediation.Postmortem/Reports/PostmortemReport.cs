using Remediation.Contracts.Signals;
using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Reports;

/// <summary>
/// The post-incident report: what happened, in numbers. Built by <see cref="ReportBuilder"/> from the incident's events,
/// rendered as Markdown by <see cref="MarkdownReport"/> and served as JSON as it is (durations in seconds).
/// </summary>
public sealed record PostmortemReport
{
    public required Guid IncidentId { get; init; }

    public required string Environment { get; init; }

    public required string Service { get; init; }

    public required string Title { get; init; }

    public required IncidentState State { get; init; }

    public Severity Severity { get; init; }

    /// <summary>True while the incident is open: the report is provisional and is written for good when it ends.</summary>
    public bool Draft { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public DateTimeOffset? OpenedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>What happened, in two sentences with the numbers.</summary>
    public required string Summary { get; init; }

    public required ReportOutcome Outcome { get; init; }

    public required IncidentTimings Timings { get; init; }

    public SuspectChange? SuspectChange { get; init; }

    /// <summary>Each anomaly of the incident with its signals' values and thresholds.</summary>
    public IReadOnlyList<ReportAnomaly> Anomalies { get; init; } = [];

    public IReadOnlyList<ReportDecision> Decisions { get; init; } = [];

    public IReadOnlyList<ReportApproval> Approvals { get; init; } = [];

    public required RollbackChain Rollback { get; init; }

    public IReadOnlyList<RunbookStepReport> Runbook { get; init; } = [];

    public required MetricsReport Metrics { get; init; }

    public IReadOnlyList<ReportTimelineEntry> Timeline { get; init; } = [];

    public IReadOnlyList<PreventiveAction> PreventiveActions { get; init; } = [];
}
