using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Rollbacks;
using Remediation.Postmortem.Events;
using Remediation.Postmortem.Prometheus;
using Remediation.Postmortem.Reports;

namespace Remediation.Postmortem.Tests;

/// <summary>Report inputs from a scenario's messages, as the report writer would gather them.</summary>
internal static class ReportInputs
{
    public static ReportInput From(Guid incidentId, IEnumerable<object> messages, string? driver = "kubernetes", IReadOnlyList<SignalMetrics>? metrics = null,
        ServiceHistory? history = null)
    {
        var all = messages.ToList();
        var deployments = all.OfType<DeploymentRecorded>().ToList();
        var events = all.Where(m => m is not DeploymentRecorded).Select((m, i) => LifecycleEvents.Describe(m, i + 1)).ToList();
        return new ReportInput
        {
            IncidentId = incidentId,
            Events = events,
            Deployments = [.. deployments.Where(d => d.DeployedAt >= Scenarios.T0)],
            History = history ?? new ServiceHistory
            {
                Deployments = deployments,
                Rollbacks = [.. all.OfType<RollbackRequested>()],
                Anomalies = [.. all.OfType<AnomalyDetected>()],
            },
            Driver = driver,
            Metrics = metrics ?? [],
            GeneratedAt = Scenarios.At(20),
        };
    }
}
