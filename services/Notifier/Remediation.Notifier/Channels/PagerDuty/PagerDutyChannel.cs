using System.Text.Json.Nodes;
using Remediation.Contracts.Signals;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels.PagerDuty;

/// <summary>
/// PagerDuty Events API v2. An incident triggers one alert (<c>POST /v2/enqueue</c>, <c>event_action: trigger</c>) with
/// a dedup key stable for the incident, so an escalation or a failed action updates the same alert; a person's approval
/// acknowledges it and the incident's resolution resolves it. Each rollback (and runbook step, and deployment when asked)
/// is a change event (<c>POST /v2/change/enqueue</c>). PagerDuty answers 202; 400 is not worth retrying; 429 and 5xx are.
/// </summary>
internal sealed class PagerDutyChannel : INotificationChannel
{
    private static readonly HashSet<NotificationKind> Triggers = new HashSet<NotificationKind>
    {
        NotificationKind.IncidentOpened, NotificationKind.IncidentEscalated, NotificationKind.RollbackFailed,
        NotificationKind.RemediationFailed, NotificationKind.ApprovalRequested,
    };

    private static readonly HashSet<NotificationKind> Changes = new HashSet<NotificationKind>
    {
        NotificationKind.RollbackCompleted, NotificationKind.RemediationCompleted, NotificationKind.DeploymentRecorded,
    };

    public string Type => ChannelTypes.PagerDuty;

    public ChannelCategory Category => ChannelCategory.Paging;

    public IReadOnlySet<NotificationKind> DefaultEvents { get; } = new HashSet<NotificationKind>
    {
        NotificationKind.IncidentOpened, NotificationKind.IncidentEscalated, NotificationKind.RollbackCompleted,
        NotificationKind.RemediationCompleted, NotificationKind.ApprovalDecided, NotificationKind.IncidentResolved,
    };

    public IReadOnlySet<NotificationKind> SupportedEvents { get; } =
        Triggers.Concat(Changes).Append(NotificationKind.ApprovalDecided).Append(NotificationKind.IncidentResolved).ToHashSet();

    // About 120 events a minute per integration key.
    public (double PerSecond, int Burst) DefaultRateLimit => (2, 10);

    public IEnumerable<string> Validate(ChannelOptions options)
    {
        if (options.RoutingKey is not { Length: 32 })
            yield return "RoutingKey is required: the Events API v2 integration key (32 characters).";
        if (options.ChangeRoutingKey is { } change && change.Length != 32)
            yield return "ChangeRoutingKey must be an integration key (32 characters) when set.";
    }

    /// <summary>The alert's dedup key: one alert per incident, whatever the number of triggers.</summary>
    public static string DedupKey(Guid incidentId) => $"remediation/{incidentId:N}";

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        var content = context.Content;
        if (Changes.Contains(content.Kind))
            return await SendChangeAsync(context, cancellationToken);

        if (content.IncidentId is not { } incidentId)
            return DeliveryOutcome.Skipped("PagerDuty alerts belong to an incident and this event has none.");

        var dedupKey = context.Reference?.ExternalId ?? DedupKey(incidentId);
        if (Triggers.Contains(content.Kind))
        {
            var exchange = await SendEventAsync(context, "trigger", Trigger(context, dedupKey), cancellationToken);
            if (exchange.Succeeded)
                await context.SaveReferenceAsync(ChannelJson.Read(exchange.Body, "dedup_key") ?? dedupKey, null, null, "triggered", cancellationToken);
            return DeliveryOutcome.From(exchange);
        }

        // Acknowledge and resolve apply to an alert this channel triggered; PagerDuty would drop them otherwise.
        if (context.Reference is null)
            return DeliveryOutcome.Skipped("No PagerDuty alert was triggered for this incident.");

        var action = content.Kind == NotificationKind.IncidentResolved ? "resolve" : "acknowledge";
        var body = new JsonObject { ["routing_key"] = context.Options.RoutingKey, ["event_action"] = action, ["dedup_key"] = dedupKey };
        var result = await SendEventAsync(context, action, body, cancellationToken);
        if (result.Succeeded)
            await context.SaveReferenceAsync(dedupKey, null, null, action == "resolve" ? "resolved" : "acknowledged", cancellationToken);
        return DeliveryOutcome.From(result);
    }

    private static Task<HttpExchange> SendEventAsync(DeliveryContext context, string step, JsonObject body, CancellationToken cancellationToken) =>
        context.SendAsync(step, ChannelJson.Request(HttpMethod.Post, ChannelJson.Join(context.Options.Url!, "v2/enqueue"), body), cancellationToken);

    private static JsonObject Trigger(DeliveryContext context, string dedupKey)
    {
        var content = context.Content;
        var severity = content.Severity is { } own && own > context.Severity ? own : context.Severity;
        return new JsonObject
        {
            ["routing_key"] = context.Options.RoutingKey,
            ["event_action"] = "trigger",
            ["dedup_key"] = dedupKey,
            ["payload"] = new JsonObject
            {
                ["summary"] = TemplateText.Truncate(content.Title, 1024),
                ["source"] = $"{content.Environment}/{content.Service}",
                ["severity"] = severity switch
                {
                    Severity.Critical => "critical",
                    Severity.Major => "error",
                    _ => "warning",
                },
                ["timestamp"] = content.OccurredAt.ToString("O"),
                ["component"] = content.Service,
                ["group"] = content.Environment,
                ["class"] = content.Kind.ToString(),
                ["custom_details"] = Details(content),
            },
            ["client"] = "Remediation",
        };
    }

    private static async Task<DeliveryOutcome> SendChangeAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        var content = context.Content;
        var body = new JsonObject
        {
            ["routing_key"] = context.Options.ChangeRoutingKey ?? context.Options.RoutingKey,
            ["payload"] = new JsonObject
            {
                ["summary"] = TemplateText.Truncate(content.Title, 1024),
                ["timestamp"] = content.OccurredAt.ToString("O"),
                ["source"] = $"{content.Environment}/{content.Service}",
                ["custom_details"] = Details(content),
            },
        };
        var url = ChannelJson.Join(context.Options.Url!, "v2/change/enqueue");
        return DeliveryOutcome.From(await context.SendAsync("change", ChannelJson.Request(HttpMethod.Post, url, body), cancellationToken));
    }

    private static JsonObject Details(NotificationContent content)
    {
        var details = new JsonObject
        {
            ["summary"] = content.Summary,
            ["environment"] = content.Environment,
            ["service"] = content.Service,
        };
        if (content.IncidentId is { } id)
            details["incident_id"] = id.ToString();
        if (content.Reason is { } reason)
            details["reason"] = reason;
        foreach (var fact in content.Facts)
            details[fact.Label] = fact.Value;
        if (content.Signals.Count > 0)
            details["signals"] = new JsonArray([.. content.Signals.Select(s => (JsonNode)JsonValue.Create(TemplateText.Signal(s)))]);
        if (content.Chain.Count > 0)
            details["chain"] = TemplateText.Chain(content.Chain);
        return details;
    }
}
