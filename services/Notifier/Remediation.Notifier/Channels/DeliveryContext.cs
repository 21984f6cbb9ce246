using Remediation.Contracts.Signals;
using Remediation.Notifier.Persistence;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels;

/// <summary>Everything a channel needs to deliver one notification.</summary>
internal sealed class DeliveryContext(
    ConfiguredChannel channel,
    Notification notification,
    NotifierEvent notifierEvent,
    NotifierIncident? incident,
    ExternalReference? reference,
    IDeliveryTransport transport,
    TimeProvider time)
{
    public ConfiguredChannel Channel => channel;

    public ChannelOptions Options => channel.Options;

    public Notification Notification => notification;

    public NotificationContent Content => notifierEvent.Content;

    /// <summary>The event as it travelled, for channels that forward it whole.</summary>
    public string EventJson => notifierEvent.EventJson;

    public NotifierIncident? Incident => incident;

    /// <summary>What this channel's service gave back for the incident earlier (issue key, sys_id, incident id).</summary>
    public ExternalReference? Reference { get; private set; } = reference;

    /// <summary>The severity the notification was routed with.</summary>
    public Severity Severity => notification.Severity;

    /// <summary>HTTP requests made for the notification so far, this run included.</summary>
    public int Attempts { get; set; } = notification.Attempts;

    public TimeProvider Time => time;

    public Task<HttpExchange> SendAsync(string step, HttpRequestMessage request, CancellationToken cancellationToken,
        Func<HttpExchange, DeliveryResult>? classify = null) =>
        transport.SendAsync(this, step, request, classify, cancellationToken);

    /// <summary>Remembers what the service gave back for this incident, at once, so that a retry updates it instead of creating another.</summary>
    public async Task SaveReferenceAsync(string externalId, string? displayId, string? url, string? state, CancellationToken cancellationToken)
    {
        if (notification.IncidentId is not { } incidentId)
            return;

        var now = time.GetUtcNow();
        var saved = Reference ?? new ExternalReference { IncidentId = incidentId, Channel = notification.Channel, CreatedAt = now };
        saved.ExternalId = externalId;
        saved.DisplayId = displayId ?? saved.DisplayId;
        saved.Url = url ?? saved.Url;
        saved.State = state ?? saved.State;
        saved.UpdatedAt = now;
        // Held in memory first: a retry within this run must update what was created, even if the database is away.
        Reference = saved;
        ReferenceUnsaved = !await transport.SaveReferenceAsync(saved, cancellationToken);
    }

    /// <summary>True when the reference could not be stored yet; the run's end stores it with the notification.</summary>
    public bool ReferenceUnsaved { get; private set; }
}
