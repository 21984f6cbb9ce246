namespace Remediation.Postmortem.Incidents;

/// <summary>
/// Attaches events that carry no incident id (anomalies, and decisions that name no incident) to an incident of the same
/// (environment, service): first the incident its anomaly opened (<c>IncidentOpened.AnomalyId</c>), otherwise the latest
/// incident open at the event's time (detection to resolution or escalation). Pure, so that any arrival order gives the
/// same answer once every event is in.
/// </summary>
public static class AnomalyAttachment
{
    public static Attachment? Assign(Guid? anomalyId, DateTimeOffset at, IEnumerable<IncidentWindow> incidents)
    {
        var windows = incidents as IReadOnlyCollection<IncidentWindow> ?? incidents.ToList();
        if (anomalyId is { } anomaly && windows.FirstOrDefault(w => w.AnomalyId == anomaly) is { } opened)
            return new Attachment(opened.IncidentId, Attachment.ByAnomaly);

        var covering = windows.Where(w => w.Covers(at)).OrderByDescending(w => w.Start).ThenBy(w => w.IncidentId).FirstOrDefault();
        return covering is null ? null : new Attachment(covering.IncidentId, Attachment.ByTime);
    }
}
