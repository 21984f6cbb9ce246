namespace Remediation.Notifier.Persistence;

/// <summary>
/// The id a tool gave back for an incident on one channel (Jira issue key, ServiceNow sys_id, Statuspage incident id,
/// PagerDuty dedup key), so later events update the same record.
/// </summary>
public sealed class ExternalReference
{
    public Guid IncidentId { get; set; }

    public string Channel { get; set; } = "";

    public string ExternalId { get; set; } = "";

    /// <summary>The id people see, when it differs (a ServiceNow number such as INC0010001).</summary>
    public string? DisplayId { get; set; }

    public string? Url { get; set; }

    /// <summary>The record's last known state in the tool (a Statuspage status, <c>resolved</c>, ...).</summary>
    public string? State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
