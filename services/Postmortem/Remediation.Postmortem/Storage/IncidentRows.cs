using Remediation.Postmortem.Events;
using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Storage;

/// <summary>Copies a projection onto its row, and reads timeline rows back as events.</summary>
internal static class IncidentRows
{
    public static void Apply(IncidentRow row, IncidentSummary summary)
    {
        row.Environment = summary.Environment;
        row.Service = summary.Service;
        row.Opened = summary.Opened;
        row.Severity = summary.Severity;
        row.State = summary.State;
        row.AnomalyId = summary.AnomalyId;
        row.OpenedAt = summary.OpenedAt;
        row.DetectedAt = summary.Timings.DetectedAt;
        row.ResolvedAt = summary.ResolvedAt;
        row.EscalatedAt = summary.EscalatedAt;
        row.WindowStart = summary.Window?.Start;
        row.EndedAt = summary.EndedAt;
        row.Resolution = summary.Resolution;
        row.EscalationReasonCode = summary.EscalationReasonCode;
        row.CurrentVersion = summary.CurrentVersion;
        row.FinalVersion = summary.FinalVersion;
        row.Chain = [.. summary.Chain];
        row.SuspectDeploymentId = summary.SuspectDeployment is { DeploymentId: var id } && id != Guid.Empty ? id : null;
        row.SuspectVersion = summary.SuspectDeployment?.Version;
        row.SuspectDeployedAt = summary.SuspectDeployment is { DeployedAt: var at } && at != default ? at : null;
        row.Rollbacks = summary.Rollbacks;
        row.FailedRollbacks = summary.FailedRollbacks;
        row.TimeToDetectSeconds = summary.Timings.TimeToDetect?.TotalSeconds;
        row.TimeToActSeconds = summary.Timings.TimeToAct?.TotalSeconds;
        row.TimeToRecoverSeconds = summary.Timings.TimeToRecover?.TotalSeconds;
    }

    public static LifecycleEvent ToEvent(this TimelineRow row) =>
        LifecycleEvents.Describe(LifecycleEvents.Deserialize(row.Type, row.Detail), row.Id);
}
