using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Remediation.Notifier.Tests.Receivers;

/// <summary>
/// A Teams incoming webhook (classic connector). Like Teams: a message of type <c>message</c> whose attachments are
/// Adaptive Cards (<c>application/vnd.microsoft.card.adaptive</c>, content of type <c>AdaptiveCard</c> with a version
/// and a body of typed elements); success is 200 <c>1</c>; a malformed card is 400 "Bad payload received by generic
/// incoming webhook."; throttling comes back as a 200 whose body says "Microsoft Teams endpoint returned HTTP error 429".
/// </summary>
public sealed class TeamsReceiver : ReceiverServer
{
    public const string WebhookPath = "/webhookb2/0000-tenant@0000/IncomingWebhook/TeamsSecret0123456789/0000";

    private static readonly HashSet<string> ElementTypes = ["TextBlock", "FactSet", "Container", "ColumnSet", "Image"];

    public string WebhookUrl => BaseUrl + WebhookPath;

    public static IResult Throttled() => Results.Text("Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0", "text/plain");

    protected override IResult Handle(RecordedRequest request)
    {
        var bad = Results.Text("Bad payload received by generic incoming webhook.", "text/plain", statusCode: 400);
        if (request.Method != "POST" || request.Path != WebhookPath)
            return Reject("unknown webhook", Results.NotFound());
        if (request.Header("content-type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
            return Reject("content type", bad);
        if (request.Json is not JsonObject body || body["type"]?.GetValue<string>() != "message")
            return Reject("type must be message", bad);
        if (body["attachments"] is not JsonArray { Count: > 0 } attachments)
            return Reject("attachments required", bad);
        foreach (var attachment in attachments)
        {
            if (attachment?["contentType"]?.GetValue<string>() != "application/vnd.microsoft.card.adaptive")
                return Reject("attachment content type", bad);
            if (attachment["content"] is not JsonObject card || card["type"]?.GetValue<string>() != "AdaptiveCard" || card["version"] is null)
                return Reject("content must be an AdaptiveCard with a version", bad);
            var problem = card["body"] is JsonArray elements ? CheckElements(elements) : "body missing";
            if (problem is not null)
                return Reject("card body: " + problem, bad);
        }

        return Results.Text("1", "text/plain");
    }

    private static string? CheckElements(JsonArray elements)
    {
        foreach (var element in elements)
        {
            var type = element?["type"]?.GetValue<string>();
            if (type is null || !ElementTypes.Contains(type))
                return $"unknown element {type}";
            if (type == "TextBlock" && string.IsNullOrEmpty(element!["text"]?.GetValue<string>()))
                return "TextBlock without text";
            if (type == "FactSet" && (element!["facts"] is not JsonArray facts || facts.Any(f => f?["title"] is null || f["value"] is null)))
                return "FactSet facts need title and value";
            if (type == "Container" && (element!["items"] is not JsonArray items || CheckElements(items) is not null))
                return "Container items";
        }

        return null;
    }
}
