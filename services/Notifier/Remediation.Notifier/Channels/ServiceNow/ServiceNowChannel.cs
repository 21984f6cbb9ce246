using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Remediation.Contracts.Signals;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels.ServiceNow;

/// <summary>
/// ServiceNow Table API on the <c>incident</c> table, basic auth. The first event creates the incident
/// (<c>POST /api/now/table/incident</c>, answered 201 with <c>result.sys_id</c> and <c>result.number</c>, remembered);
/// later events add work notes (<c>PATCH .../incident/{sys_id}</c>); the resolution sets the resolved state with a close
/// code and close notes.
/// </summary>
internal sealed class ServiceNowChannel : INotificationChannel
{
    public string Type => ChannelTypes.ServiceNow;

    public ChannelCategory Category => ChannelCategory.Ticket;

    public IReadOnlySet<NotificationKind> DefaultEvents => ChannelEvents.Lifecycle;

    public IReadOnlySet<NotificationKind> SupportedEvents => ChannelEvents.All;

    public (double PerSecond, int Burst) DefaultRateLimit => (5, 10);

    public IEnumerable<string> Validate(ChannelOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Username) || string.IsNullOrWhiteSpace(options.Password))
            yield return "Username and Password are required (basic auth).";
        if (string.IsNullOrWhiteSpace(options.CloseCode) || string.IsNullOrWhiteSpace(options.ResolvedState))
            yield return "CloseCode and ResolvedState are required.";
    }

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        var content = context.Content;
        var text = TemplateText.PlainText(content);
        var resolves = content.Kind == NotificationKind.IncidentResolved;
        if (context.Reference is not { } record)
            return await CreateAsync(context, text, resolves, cancellationToken);

        var update = new JsonObject { ["work_notes"] = text };
        if (resolves)
        {
            update["state"] = context.Options.ResolvedState;
            update["close_code"] = context.Options.CloseCode;
            update["close_notes"] = text;
        }

        var exchange = await context.SendAsync(resolves ? "resolve" : "update",
            Request(context, HttpMethod.Patch, $"api/now/table/incident/{Uri.EscapeDataString(record.ExternalId)}", update), cancellationToken);
        if (exchange.Succeeded && resolves)
            await context.SaveReferenceAsync(record.ExternalId, null, null, "resolved", cancellationToken);
        return DeliveryOutcome.From(exchange);
    }

    private static async Task<DeliveryOutcome> CreateAsync(DeliveryContext context, string text, bool resolved, CancellationToken cancellationToken)
    {
        var content = context.Content;
        var level = context.Severity switch
        {
            Severity.Critical => "1",
            Severity.Major => "2",
            _ => "3",
        };
        var body = new JsonObject
        {
            ["short_description"] = TemplateText.Truncate(content.Title, 160),
            ["description"] = text,
            ["urgency"] = level,
            ["impact"] = level,
            ["correlation_display"] = "Remediation",
        };
        if (content.IncidentId is { } id)
            body["correlation_id"] = $"remediation/{id:N}";
        if (context.Options.AssignmentGroup is { Length: > 0 } group)
            body["assignment_group"] = group;
        if (context.Options.CallerId is { Length: > 0 } caller)
            body["caller_id"] = caller;
        if (context.Options.Category is { Length: > 0 } category)
            body["category"] = category;
        if (resolved)
        {
            // The incident is already over when the first word of it reaches this channel: record it resolved at once.
            body["state"] = context.Options.ResolvedState;
            body["close_code"] = context.Options.CloseCode;
            body["close_notes"] = text;
        }

        var exchange = await context.SendAsync("create",
            Request(context, HttpMethod.Post, "api/now/table/incident?sysparm_fields=sys_id,number", body), cancellationToken);
        if (exchange.Succeeded && content.IncidentId is not null && ChannelJson.Read(exchange.Body, "result", "sys_id") is { } sysId)
        {
            var number = ChannelJson.Read(exchange.Body, "result", "number");
            var url = ChannelJson.Join(context.Options.Url!, $"nav_to.do?uri=incident.do%3Fsys_id%3D{sysId}");
            await context.SaveReferenceAsync(sysId, number, url, resolved ? "resolved" : "open", cancellationToken);
        }

        return DeliveryOutcome.From(exchange);
    }

    private static HttpRequestMessage Request(DeliveryContext context, HttpMethod method, string path, JsonObject body)
    {
        var request = ChannelJson.Request(method, ChannelJson.Join(context.Options.Url!, path), body);
        request.Headers.Authorization = ChannelJson.Basic(context.Options.Username!, context.Options.Password!);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }
}
