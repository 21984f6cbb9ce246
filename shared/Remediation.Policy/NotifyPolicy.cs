using Remediation.Contracts.Signals;

namespace Remediation.Policy;

/// <summary>Which notification channels hear about a service, by severity.</summary>
public sealed record NotifyPolicy
{
    public IReadOnlyDictionary<Severity, IReadOnlyList<string>> Routes { get; init; } = new Dictionary<Severity, IReadOnlyList<string>>();

    /// <summary>Channels for a severity; a severity without a route uses the next lower one that has a route.</summary>
    public IReadOnlyList<string> ChannelsFor(Severity severity)
    {
        for (var s = severity; s >= Severity.Minor; s--)
        {
            if (Routes.TryGetValue(s, out var channels))
                return channels;
        }

        return [];
    }
}
