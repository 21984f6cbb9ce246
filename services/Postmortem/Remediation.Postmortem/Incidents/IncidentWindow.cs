namespace Remediation.Postmortem.Incidents;

/// <summary>An opened incident as attachment sees it: the anomaly that opened it and the time it covers.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="AnomalyId">The anomaly that opened it.</param>
/// <param name="Start">Its detection (or opening).</param>
/// <param name="End">When it resolved or escalated; null while it is open.</param>
public sealed record IncidentWindow(Guid IncidentId, Guid? AnomalyId, DateTimeOffset Start, DateTimeOffset? End)
{
    public bool Covers(DateTimeOffset at) => at >= Start && (End is not { } end || at <= end);
}
