using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels.Slack;

/// <summary>
/// A Slack incoming webhook: <c>POST</c> of a Block Kit message with a <c>text</c> fallback. Slack answers <c>ok</c>, or an
/// error as plain text (<c>invalid_payload</c>, <c>no_text</c>, <c>channel_not_found</c>, <c>channel_is_archived</c>,
/// <c>action_prohibited</c>, ...) with a 4xx that is not worth retrying, or 429 with Retry-After.
/// </summary>
internal sealed class SlackChannel : INotificationChannel
{
    public string Type => ChannelTypes.Slack;

    public ChannelCategory Category => ChannelCategory.Chat;

    public IReadOnlySet<NotificationKind> DefaultEvents => ChannelEvents.Lifecycle;

    public IReadOnlySet<NotificationKind> SupportedEvents => ChannelEvents.All;

    // Slack allows about one message per second per webhook, with short bursts.
    public (double PerSecond, int Burst) DefaultRateLimit => (1, 5);

    public IEnumerable<string> Validate(ChannelOptions options) => [];

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        var body = SlackMessage.Build(context.Content, context.Severity);
        var exchange = await context.SendAsync("post", ChannelJson.Request(HttpMethod.Post, context.Options.Url!, body), cancellationToken);
        return DeliveryOutcome.From(exchange);
    }
}
