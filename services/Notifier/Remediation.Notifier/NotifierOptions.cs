using Remediation.Notifier.Channels;
using Remediation.Notifier.Delivery;

namespace Remediation.Notifier;

/// <summary>
/// The notifier's channels and how it delivers. Bound from <c>Remediation:Notifier</c> and validated at start.
/// Credentials (webhook URLs, routing keys, tokens, passwords) belong in environment variables or a secret store, for
/// example <c>Remediation__Notifier__Channels__slack-ops__Url</c>; they are never logged.
/// </summary>
public sealed class NotifierOptions
{
    public const string Section = "Remediation:Notifier";

    /// <summary>Channels by name; the policy's <c>notify</c> routes name them.</summary>
    public Dictionary<string, ChannelOptions> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public DispatchOptions Dispatch { get; set; } = new();
}
