using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels;

/// <summary>One channel type: how it renders a notification in its service's wire format and sends it.</summary>
internal interface INotificationChannel
{
    /// <summary>The type name (<see cref="ChannelTypes"/>).</summary>
    string Type { get; }

    ChannelCategory Category { get; }

    /// <summary>The events a channel of this type hears about unless its configuration lists others.</summary>
    IReadOnlySet<NotificationKind> DefaultEvents { get; }

    /// <summary>The events this type can say something about.</summary>
    IReadOnlySet<NotificationKind> SupportedEvents { get; }

    /// <summary>The service's documented limit, used unless the configuration sets one.</summary>
    (double PerSecond, int Burst) DefaultRateLimit { get; }

    /// <summary>Problems with the type's settings, each a sentence naming the setting (never its value).</summary>
    IEnumerable<string> Validate(ChannelOptions options);

    /// <summary>
    /// Sends one notification: one or more requests through <see cref="DeliveryContext.SendAsync"/> (each recorded as an
    /// attempt). Called again on a retry, so a step that created something must save its reference at once.
    /// </summary>
    Task<DeliveryOutcome> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken);
}
