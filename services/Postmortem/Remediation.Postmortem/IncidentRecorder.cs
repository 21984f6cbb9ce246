using Remediation.Postmortem.Events;
using Remediation.Postmortem.Reports;
using Remediation.Postmortem.Storage;

namespace Remediation.Postmortem;

/// <summary>
/// What every postmortem consumer does with its message: record it (once), then write the report of every incident it
/// ended or changed after its end. A redelivered message records nothing new but still writes a report that is missing.
/// </summary>
public sealed class IncidentRecorder(IncidentStore store, ReportWriter reports)
{
    public async Task RecordAsync(object message, CancellationToken cancellationToken)
    {
        var affected = await store.RecordAsync(LifecycleEvents.Describe(message), cancellationToken);
        foreach (var incidentId in affected)
            await reports.WriteIfStaleAsync(incidentId, cancellationToken);
    }
}
