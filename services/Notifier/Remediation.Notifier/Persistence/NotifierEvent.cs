using Remediation.Contracts.Signals;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Persistence;

/// <summary>
/// One lifecycle event the notifier accepted, keyed by the event's own identity (so a redelivered or duplicated event
/// is stored once), with its rendered content and the event itself as JSON for the generic webhook.
/// </summary>
public sealed class NotifierEvent
{
    /// <summary>The event's identity, for example <c>RollbackRequested/{requestId}</c>.</summary>
    public string EventKey { get; set; } = "";

    public NotificationKind Kind { get; set; }

    public Guid? IncidentId { get; set; }

    public string Environment { get; set; } = "";

    public string Service { get; set; } = "";

    /// <summary>Notifications with the same key on the same channel are delivered in order: the incident, or the service for events outside one.</summary>
    public string OrderingKey { get; set; } = "";

    public NotificationContent Content { get; set; } = null!;

    /// <summary>The event as it travelled (camelCase JSON).</summary>
    public string EventJson { get; set; } = "{}";

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When notifications were created for it; null while it waits for its incident's severity.</summary>
    public DateTimeOffset? RoutedAt { get; set; }

    /// <summary>The severity it was routed with.</summary>
    public Severity? Severity { get; set; }
}
