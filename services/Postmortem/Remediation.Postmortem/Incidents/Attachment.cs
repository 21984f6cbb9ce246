namespace Remediation.Postmortem.Incidents;

/// <summary>Which incident an event that names none belongs to, and why.</summary>
public sealed record Attachment(Guid IncidentId, string By)
{
    /// <summary>The event names the incident.</summary>
    public const string ByIncident = "incident";

    /// <summary>The event's anomaly is the one that opened the incident.</summary>
    public const string ByAnomaly = "anomaly";

    /// <summary>The event happened, for the same service, while the incident was open.</summary>
    public const string ByTime = "time";
}
