using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels.Jira;

/// <summary>
/// Jira (Cloud or Data Center) REST API v2 or v3, basic auth with email and API token. The first event of an incident
/// creates an issue in the project (<c>POST /rest/api/{v}/issue</c>, answered 201 with its key, which is remembered);
/// every later event is a comment on it (<c>POST .../issue/{key}/comment</c>). When a resolve transition is configured,
/// the resolution moves the issue with its comment in the same request. v2 takes plain text, v3 the Atlassian Document
/// Format.
/// </summary>
internal sealed class JiraChannel : INotificationChannel
{
    public string Type => ChannelTypes.Jira;

    public ChannelCategory Category => ChannelCategory.Ticket;

    public IReadOnlySet<NotificationKind> DefaultEvents => ChannelEvents.Lifecycle;

    public IReadOnlySet<NotificationKind> SupportedEvents => ChannelEvents.All;

    public (double PerSecond, int Burst) DefaultRateLimit => (5, 10);

    public IEnumerable<string> Validate(ChannelOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Email) || string.IsNullOrWhiteSpace(options.ApiToken))
            yield return "Email and ApiToken are required (basic auth with an API token).";
        if (string.IsNullOrWhiteSpace(options.ProjectKey))
            yield return "ProjectKey is required.";
        if (string.IsNullOrWhiteSpace(options.IssueType))
            yield return "IssueType is required.";
        if (options.ApiVersion is not (2 or 3))
            yield return "ApiVersion must be 2 or 3.";
    }

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        var content = context.Content;
        var text = TemplateText.PlainText(content) + Footer(content);
        if (context.Reference is not { } issue)
            return await CreateAsync(context, text, cancellationToken);

        if (content.Kind == NotificationKind.IncidentResolved && !string.IsNullOrWhiteSpace(context.Options.ResolveTransitionId))
        {
            var transition = new JsonObject
            {
                ["transition"] = new JsonObject { ["id"] = context.Options.ResolveTransitionId },
                ["update"] = new JsonObject
                {
                    ["comment"] = new JsonArray { new JsonObject { ["add"] = new JsonObject { ["body"] = Text(context, text) } } },
                },
            };
            var moved = await context.SendAsync("resolve", Request(context, HttpMethod.Post, $"issue/{issue.ExternalId}/transitions", transition), cancellationToken);
            if (moved.Succeeded)
                await context.SaveReferenceAsync(issue.ExternalId, null, null, "resolved", cancellationToken);
            return DeliveryOutcome.From(moved);
        }

        var comment = new JsonObject { ["body"] = Text(context, text) };
        return DeliveryOutcome.From(await context.SendAsync("comment", Request(context, HttpMethod.Post, $"issue/{issue.ExternalId}/comment", comment), cancellationToken));
    }

    private static async Task<DeliveryOutcome> CreateAsync(DeliveryContext context, string text, CancellationToken cancellationToken)
    {
        var content = context.Content;
        var fields = new JsonObject
        {
            ["project"] = new JsonObject { ["key"] = context.Options.ProjectKey },
            ["issuetype"] = new JsonObject { ["name"] = context.Options.IssueType },
            ["summary"] = TemplateText.Truncate(content.Title, 255),
            ["description"] = Text(context, text),
            ["labels"] = new JsonArray("remediation", Label(content.Environment), Label(content.Service)),
        };
        var exchange = await context.SendAsync("create", Request(context, HttpMethod.Post, "issue", new JsonObject { ["fields"] = fields }), cancellationToken);
        if (exchange.Succeeded && content.IncidentId is not null && ChannelJson.Read(exchange.Body, "key") is { } key)
        {
            var url = ChannelJson.Join(context.Options.Url!, $"browse/{key}");
            await context.SaveReferenceAsync(key, key, url, "open", cancellationToken);
        }

        return DeliveryOutcome.From(exchange);
    }

    private static HttpRequestMessage Request(DeliveryContext context, HttpMethod method, string path, JsonObject body)
    {
        var url = ChannelJson.Join(context.Options.Url!, $"rest/api/{context.Options.ApiVersion}/{path}");
        var request = ChannelJson.Request(method, url, body);
        request.Headers.Authorization = ChannelJson.Basic(context.Options.Email!, context.Options.ApiToken!);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    /// <summary>Plain text for v2; for v3 an Atlassian Document Format document with a paragraph per line.</summary>
    private static JsonNode Text(DeliveryContext context, string text)
    {
        if (context.Options.ApiVersion == 2)
            return JsonValue.Create(text);

        var paragraphs = new JsonArray();
        foreach (var line in text.Split('\n').Where(l => l.Length > 0))
        {
            paragraphs.Add(new JsonObject
            {
                ["type"] = "paragraph",
                ["content"] = new JsonArray { new JsonObject { ["type"] = "text", ["text"] = line } },
            });
        }

        return new JsonObject { ["type"] = "doc", ["version"] = 1, ["content"] = paragraphs };
    }

    private static string Footer(NotificationContent content) =>
        content.IncidentId is { } id ? $"\n\nRemediation incident {id}." : "";

    /// <summary>Jira labels cannot contain spaces.</summary>
    private static string Label(string value) => string.Concat(value.Select(c => char.IsWhiteSpace(c) ? '_' : c));
}
