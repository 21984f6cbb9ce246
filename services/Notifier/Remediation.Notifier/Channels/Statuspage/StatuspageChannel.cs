using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Remediation.Contracts.Signals;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels.Statuspage;

/// <summary>
/// Atlassian Statuspage REST API v1 (<c>Authorization: OAuth &lt;key&gt;</c>). The incident opens a public incident as
/// <c>investigating</c> with its components degraded by severity (<c>POST /v1/pages/{page}/incidents</c>, answered 201
/// with its id, remembered); a rollback under way makes it <c>identified</c>, a finished one <c>monitoring</c>; the
/// resolution makes it <c>resolved</c> and the components <c>operational</c> (<c>PATCH .../incidents/{id}</c>). The texts
/// are for customers: no internals, no versions.
/// </summary>
internal sealed class StatuspageChannel : INotificationChannel
{
    public string Type => ChannelTypes.Statuspage;

    public ChannelCategory Category => ChannelCategory.StatusPage;

    public IReadOnlySet<NotificationKind> DefaultEvents => SupportedEvents;

    public IReadOnlySet<NotificationKind> SupportedEvents { get; } = new HashSet<NotificationKind>
    {
        NotificationKind.IncidentOpened, NotificationKind.RollbackRequested, NotificationKind.RollbackCompleted,
        NotificationKind.RemediationRequested, NotificationKind.RemediationCompleted, NotificationKind.IncidentEscalated,
        NotificationKind.IncidentResolved,
    };

    // One request per second per API key.
    public (double PerSecond, int Burst) DefaultRateLimit => (1, 1);

    public IEnumerable<string> Validate(ChannelOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PageId))
            yield return "PageId is required.";
        if (string.IsNullOrWhiteSpace(options.ApiKey))
            yield return "ApiKey is required.";
    }

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        var content = context.Content;
        if (content.IncidentId is null)
            return DeliveryOutcome.Skipped("Statuspage incidents follow an incident and this event has none.");

        var (status, body) = Update(content.Kind, content.Service);
        var resolves = status == "resolved";
        var componentStatus = resolves ? "operational" : Component(context.Severity);
        var incident = new JsonObject { ["status"] = status, ["body"] = body };
        if (context.Options.ComponentIds.Count > 0)
        {
            incident["component_ids"] = new JsonArray([.. context.Options.ComponentIds.Select(id => (JsonNode)JsonValue.Create(id))]);
            var components = new JsonObject();
            foreach (var id in context.Options.ComponentIds)
                components[id] = componentStatus;
            incident["components"] = components;
        }

        if (context.Reference is { } existing)
        {
            if (existing.State == "resolved" && !resolves)
                return DeliveryOutcome.Skipped("The Statuspage incident is already resolved.");

            var path = $"v1/pages/{Uri.EscapeDataString(context.Options.PageId!)}/incidents/{Uri.EscapeDataString(existing.ExternalId)}";
            var updated = await context.SendAsync(status, Request(context, HttpMethod.Patch, path, new JsonObject { ["incident"] = incident }), cancellationToken);
            if (updated.Succeeded)
                await context.SaveReferenceAsync(existing.ExternalId, null, null, status, cancellationToken);
            return DeliveryOutcome.From(updated);
        }

        if (resolves)
            return DeliveryOutcome.Skipped("No Statuspage incident was opened for this incident.");

        incident["name"] = context.Options.IncidentName.Replace("{service}", content.Service, StringComparison.Ordinal)
            .Replace("{environment}", content.Environment, StringComparison.Ordinal);
        incident["impact_override"] = context.Severity switch
        {
            Severity.Critical => "critical",
            Severity.Major => "major",
            _ => "minor",
        };
        incident["deliver_notifications"] = true;
        var created = await context.SendAsync("create",
            Request(context, HttpMethod.Post, $"v1/pages/{Uri.EscapeDataString(context.Options.PageId!)}/incidents", new JsonObject { ["incident"] = incident }),
            cancellationToken);
        if (created.Succeeded && ChannelJson.Read(created.Body, "id") is { } incidentId)
            await context.SaveReferenceAsync(incidentId, null, ChannelJson.Read(created.Body, "shortlink"), status, cancellationToken);
        return DeliveryOutcome.From(created);
    }

    private static (string Status, string Body) Update(NotificationKind kind, string service) => kind switch
    {
        NotificationKind.IncidentOpened => ("investigating", $"We are investigating degraded performance of {service}."),
        NotificationKind.RollbackRequested => ("identified", "We have identified a recent change as the likely cause and are reverting it."),
        NotificationKind.RemediationRequested => ("identified", "We have identified the issue and are applying a fix."),
        NotificationKind.RollbackCompleted => ("monitoring", "The change has been reverted. We are monitoring the results."),
        NotificationKind.RemediationCompleted => ("monitoring", "A fix has been applied. We are monitoring the results."),
        NotificationKind.IncidentResolved => ("resolved", "This incident has been resolved."),
        _ => ("investigating", "We are continuing to investigate this issue."),
    };

    private static string Component(Severity severity) => severity switch
    {
        Severity.Critical => "major_outage",
        Severity.Major => "partial_outage",
        _ => "degraded_performance",
    };

    private static HttpRequestMessage Request(DeliveryContext context, HttpMethod method, string path, JsonObject body)
    {
        var request = ChannelJson.Request(method, ChannelJson.Join(context.Options.Url!, path), body);
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", context.Options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }
}
