using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Remediation.Contracts.Signals;
using Remediation.Notifier.Channels;
using Remediation.Notifier.Templates;
using Remediation.Policy;

namespace Remediation.Notifier.Routing;

/// <summary>
/// Which channels hear about an event. The service's policy names channels per severity
/// (<see cref="NotifyPolicy.ChannelsFor"/>); without routes in the policy, severity picks channel categories: minor → chat,
/// major → chat and tickets, critical → chat, tickets, paging and the status page. A channel already told about the
/// incident hears the rest of it (so a page is resolved, and a status page incident closed, whatever the routes say
/// later). Each channel then keeps the events its type and configuration take.
/// </summary>
internal sealed class RoutePlanner(ChannelRegistry channels, IPolicyProvider policies, ILogger<RoutePlanner> logger)
{
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ConfiguredChannel> Plan(NotificationContent content, Severity severity, IEnumerable<string> alreadyTold)
    {
        if (content.TargetChannel is { } target)
        {
            // A runbook's notify step names its channel: that one only.
            if (channels.Find(target) is { Enabled: true } named && named.Implementation.SupportedEvents.Contains(content.Kind))
                return [named];
            Warn(target, $"{content.Environment}/{content.Service} runbook");
            return [];
        }

        var policy = policies.Find(content.Environment, content.Service);
        var names = policy is { Notify.Routes.Count: > 0 }
            ? policy.Notify.ChannelsFor(severity)
            : DefaultRoute(severity);

        var planned = new List<ConfiguredChannel>();
        foreach (var name in names.Concat(alreadyTold).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (channels.Find(name) is not { } channel)
            {
                Warn(name, policy?.SourceLocation ?? $"{content.Environment}/{content.Service}");
                continue;
            }

            if (channel.Handles(content.Kind))
                planned.Add(channel);
        }

        return planned;
    }

    /// <summary>The channels a severity reaches when the policy does not say.</summary>
    public IReadOnlyList<string> DefaultRoute(Severity severity) =>
        [.. channels.All.Where(c => c.Enabled && Reaches(c.Category, severity)).Select(c => c.Name)];

    private static bool Reaches(ChannelCategory category, Severity severity) => category switch
    {
        ChannelCategory.Chat => true,
        ChannelCategory.Ticket => severity >= Severity.Major,
        _ => severity >= Severity.Critical,
    };

    private void Warn(string name, string where)
    {
        if (_warned.TryAdd(name, true))
            logger.LogWarning("The policy ({Where}) routes to channel {Channel}, which is not configured under {Section}:Channels", where, name, NotifierOptions.Section);
    }
}
