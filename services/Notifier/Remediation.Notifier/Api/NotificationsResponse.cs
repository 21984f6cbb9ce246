namespace Remediation.Notifier.Api;

/// <summary>The answer of <c>GET /api/notifications</c>.</summary>
public sealed record NotificationsResponse(Guid? IncidentId, int Count, int WaitingEvents, IReadOnlyList<NotificationView> Notifications);
