using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Remediation.Notifier.Templates;
using Remediation.Security;

namespace Remediation.Notifier.Channels.Webhook;

/// <summary>
/// A generic webhook: <c>POST</c> of the event as JSON with its type, the rendered title and text, and the event itself.
/// With a secret, the body is signed with HMAC-SHA256 in <c>X-Remediation-Signature: sha256=&lt;hex&gt;</c>. The body is
/// the same on every retry and <c>X-Remediation-Delivery</c> names the notification, so a receiver can deduplicate.
/// </summary>
internal sealed class WebhookChannel : INotificationChannel
{
    public const string SignatureHeader = "X-Remediation-Signature";
    public const string EventHeader = "X-Remediation-Event";
    public const string DeliveryHeader = "X-Remediation-Delivery";

    public string Type => ChannelTypes.Webhook;

    public ChannelCategory Category => ChannelCategory.Chat;

    public IReadOnlySet<NotificationKind> DefaultEvents => ChannelEvents.Lifecycle;

    public IReadOnlySet<NotificationKind> SupportedEvents => ChannelEvents.All;

    public (double PerSecond, int Burst) DefaultRateLimit => (10, 20);

    public IEnumerable<string> Validate(ChannelOptions options)
    {
        if (options.Secret is { } secret && secret.Length < 16)
            yield return "Secret must be at least 16 characters when set.";
    }

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        var content = context.Content;
        var payload = new JsonObject
        {
            ["type"] = content.Kind.ToString(),
            ["eventKey"] = content.EventKey,
            ["notificationId"] = context.Notification.Id,
            ["incidentId"] = content.IncidentId?.ToString(),
            ["environment"] = content.Environment,
            ["service"] = content.Service,
            ["severity"] = context.Severity.ToString().ToLowerInvariant(),
            ["title"] = content.Title,
            ["text"] = TemplateText.PlainText(content, includeTitle: false),
            ["reason"] = content.Reason,
            ["occurredAt"] = content.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
            ["event"] = JsonNode.Parse(context.EventJson),
        };

        var json = payload.ToJsonString(ChannelJson.Options);
        var request = new HttpRequestMessage(HttpMethod.Post, context.Options.Url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(EventHeader, content.Kind.ToString());
        request.Headers.Add(DeliveryHeader, context.Notification.Id.ToString(CultureInfo.InvariantCulture));
        if (context.Options.Secret is { Length: > 0 } secret)
            request.Headers.Add(SignatureHeader, "sha256=" + HmacSignature.Compute(secret, Encoding.UTF8.GetBytes(json)));

        return DeliveryOutcome.From(await context.SendAsync("post", request, cancellationToken));
    }
}
