using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels;

/// <summary>Event sets channel types share.</summary>
internal static class ChannelEvents
{
    /// <summary>Every event.</summary>
    public static readonly IReadOnlySet<NotificationKind> All = Enum.GetValues<NotificationKind>().ToHashSet();

    /// <summary>Every event of an incident: what chat and tickets hear by default (deployments are opt-in).</summary>
    public static readonly IReadOnlySet<NotificationKind> Lifecycle = All.Where(k => k != NotificationKind.DeploymentRecorded).ToHashSet();
}
