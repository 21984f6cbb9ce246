namespace Remediation.Notifier.Templates;

/// <summary>
/// The identity of each event, from the ids its contract says consumers deduplicate by. Two deliveries of the same
/// event give the same key, and so at most one notification per channel.
/// </summary>
public static class EventKeys
{
    public static string For(NotificationKind kind, Guid id) => $"{kind}/{id:N}";

    public static string For(NotificationKind kind, Guid id, string qualifier) => $"{kind}/{id:N}/{qualifier}";
}
