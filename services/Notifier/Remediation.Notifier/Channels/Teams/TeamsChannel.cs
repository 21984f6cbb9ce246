using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels.Teams;

/// <summary>
/// A Microsoft Teams incoming webhook: <c>POST</c> of a message whose attachment is an Adaptive Card. The classic
/// connector answers 200 with <c>1</c>, and reports throttling and some failures in a 200 body ("Microsoft Teams endpoint
/// returned HTTP error 429"); a Workflows webhook answers 202.
/// </summary>
internal sealed class TeamsChannel : INotificationChannel
{
    public string Type => ChannelTypes.Teams;

    public ChannelCategory Category => ChannelCategory.Chat;

    public IReadOnlySet<NotificationKind> DefaultEvents => ChannelEvents.Lifecycle;

    public IReadOnlySet<NotificationKind> SupportedEvents => ChannelEvents.All;

    // Teams connectors allow 4 requests in a second and 60 in 30 seconds.
    public (double PerSecond, int Burst) DefaultRateLimit => (2, 4);

    public IEnumerable<string> Validate(ChannelOptions options) => [];

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        var body = AdaptiveCardMessage.Build(context.Content, context.Severity);
        var exchange = await context.SendAsync("post", ChannelJson.Request(HttpMethod.Post, context.Options.Url!, body), cancellationToken, Classify);
        return DeliveryOutcome.From(exchange);
    }

    internal static DeliveryResult Classify(HttpExchange exchange)
    {
        if (exchange.Status is >= 200 and < 300)
        {
            if (exchange.Body.Contains("HTTP error 429", StringComparison.OrdinalIgnoreCase))
                return DeliveryResult.Retryable;
            if (exchange.Body.Contains("HTTP error", StringComparison.OrdinalIgnoreCase) || exchange.Body.Contains("delivery failed", StringComparison.OrdinalIgnoreCase))
                return DeliveryResult.Rejected;
        }

        return HttpExchange.Classify(exchange.Status);
    }
}
