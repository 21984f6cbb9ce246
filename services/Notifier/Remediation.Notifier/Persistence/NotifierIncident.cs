using Remediation.Contracts.Signals;

namespace Remediation.Notifier.Persistence;

/// <summary>
/// What the notifier knows about an incident: the severity that routes its events (the highest seen), and what the
/// templates say about it. Created by <c>IncidentOpened</c> (or by an escalation, or after the routing grace).
/// </summary>
public sealed class NotifierIncident
{
    public Guid IncidentId { get; set; }

    public string Environment { get; set; } = "";

    public string Service { get; set; } = "";

    public Severity Severity { get; set; }

    /// <summary>True once <c>IncidentOpened</c> was consumed (the row may exist earlier, from an escalation).</summary>
    public bool Opened { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
