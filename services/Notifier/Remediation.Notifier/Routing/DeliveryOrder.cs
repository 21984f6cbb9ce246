using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Routing;

/// <summary>
/// The order notifications of one incident go out on one channel: the opening first, the resolution last, everything
/// else by when it happened. Packed in one sortable number: the stage in the top bits, the event's UTC ticks below.
/// </summary>
public static class DeliveryOrder
{
    public static long For(NotificationKind kind, DateTimeOffset occurredAt)
    {
        long stage = kind switch
        {
            NotificationKind.IncidentOpened => 0,
            NotificationKind.IncidentResolved => 2,
            _ => 1,
        };
        // UTC ticks stay below 2^60 until the year 3600.
        return (stage << 60) | (occurredAt.UtcTicks & ((1L << 60) - 1));
    }

    /// <summary>Notifications with the same key are ordered on each channel: the incident, or the service for events outside one.</summary>
    public static string Key(NotificationContent content) =>
        content.IncidentId is { } id ? $"incident/{id:N}" : $"service/{content.Environment.ToLowerInvariant()}/{content.Service.ToLowerInvariant()}";
}
