using Remediation.Contracts.Incidents;
using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Reports;

/// <summary>What the preventive-action rules look at: the incident, its sections, and the service's history.</summary>
public sealed record RuleContext
{
    public required IncidentSummary Incident { get; init; }

    public IReadOnlyList<RollbackStep> Steps { get; init; } = [];

    public IReadOnlyList<ReportAnomaly> Anomalies { get; init; } = [];

    public IncidentEscalated? Escalation { get; init; }

    public SuspectChange? Suspect { get; init; }

    public ServiceHistory History { get; init; } = ServiceHistory.Empty;

    /// <summary>The target driver, when known.</summary>
    public string? Driver { get; init; }

    public TimeSpan DeployAttribution { get; init; } = TimeSpan.FromMinutes(30);

    public PreventiveRuleOptions Rules { get; init; } = new();
}
