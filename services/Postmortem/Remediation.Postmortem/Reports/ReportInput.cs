using Remediation.Contracts.Deployments;
using Remediation.Postmortem.Events;
using Remediation.Postmortem.Prometheus;

namespace Remediation.Postmortem.Reports;

/// <summary>Everything a report is built from; gathered by the report writer, used by the pure <see cref="ReportBuilder"/>.</summary>
public sealed record ReportInput
{
    public required Guid IncidentId { get; init; }

    /// <summary>The incident's events (those that name it and those attached to it).</summary>
    public required IReadOnlyList<LifecycleEvent> Events { get; init; }

    /// <summary>Deployments of the service that belong in the timeline: the suspect one and any during the incident.</summary>
    public IReadOnlyList<DeploymentRecorded> Deployments { get; init; } = [];

    public ServiceHistory History { get; init; } = ServiceHistory.Empty;

    /// <summary>The service's target driver (from the policy, else from the rollbacks), when known.</summary>
    public string? Driver { get; init; }

    /// <summary>Prometheus range queries around the incident; empty when not configured.</summary>
    public IReadOnlyList<SignalMetrics> Metrics { get; init; } = [];

    /// <summary>Notes about metrics that could not be fetched.</summary>
    public IReadOnlyList<string> MetricNotes { get; init; } = [];

    /// <summary>How long after a deployment an anomaly is blamed on it (the service's rollback window).</summary>
    public TimeSpan DeployAttribution { get; init; } = TimeSpan.FromMinutes(30);

    public PreventiveRuleOptions Rules { get; init; } = new();

    public required DateTimeOffset GeneratedAt { get; init; }
}
