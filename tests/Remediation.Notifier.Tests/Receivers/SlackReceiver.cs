using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Remediation.Notifier.Tests.Receivers;

/// <summary>
/// A Slack incoming webhook (<c>/services/T…/B…/&lt;secret&gt;</c>). Like Slack: JSON only; <c>text</c> or <c>blocks</c>
/// required (<c>no_text</c>); blocks checked against Block Kit's types and limits (<c>invalid_blocks</c>); malformed
/// bodies are <c>invalid_payload</c>; an unknown webhook is <c>no_service</c>. Errors are plain text with a 4xx; success
/// is 200 <c>ok</c>.
/// </summary>
public sealed class SlackReceiver : ReceiverServer
{
    public const string WebhookPath = "/services/T0001/B0001/";
    public const string Secret = "xoxSlackWebhookSecret0123456789";

    private static readonly HashSet<string> BlockTypes = ["section", "header", "context", "divider", "actions", "image", "rich_text", "input"];

    public string WebhookUrl => BaseUrl + WebhookPath + Secret;

    public static IResult SlackError(int status, string code) => Results.Text(code, "text/plain", statusCode: status);

    protected override IResult Handle(RecordedRequest request)
    {
        if (request.Method != "POST")
            return Reject("method", Results.StatusCode(405));
        if (request.Path != WebhookPath + Secret)
            return Reject("unknown webhook", SlackError(404, "no_service"));
        if (request.Header("content-type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
            return Reject("content type", SlackError(400, "invalid_payload"));
        if (request.Json is not JsonObject body)
            return Reject("not a JSON object", SlackError(400, "invalid_payload"));

        var text = body["text"]?.GetValue<string>();
        var blocks = body["blocks"];
        if (string.IsNullOrWhiteSpace(text) && blocks is null)
            return Reject("neither text nor blocks", SlackError(400, "no_text"));
        if (blocks is not null && CheckBlocks(blocks) is { } problem)
            return Reject(problem, SlackError(400, "invalid_blocks"));
        return Results.Text("ok", "text/html");
    }

    private static string? CheckBlocks(JsonNode blocks)
    {
        if (blocks is not JsonArray array || array.Count is 0 or > 50)
            return "blocks must be an array of 1 to 50 blocks";
        foreach (var node in array)
        {
            if (node is not JsonObject block || block["type"]?.GetValue<string>() is not { } type || !BlockTypes.Contains(type))
                return $"unknown block {node?.ToJsonString()}";
            switch (type)
            {
                case "header":
                    if (TextObject(block["text"], plainOnly: true, max: 150) is { } header)
                        return "header: " + header;
                    break;
                case "section":
                    if (block["text"] is null && block["fields"] is null)
                        return "section needs text or fields";
                    if (block["text"] is { } t && TextObject(t, plainOnly: false, max: 3000) is { } sectionText)
                        return "section: " + sectionText;
                    if (block["fields"] is JsonArray fields)
                    {
                        if (fields.Count > 10)
                            return "section: more than 10 fields";
                        foreach (var field in fields)
                        {
                            if (TextObject(field, plainOnly: false, max: 2000) is { } f)
                                return "field: " + f;
                        }
                    }

                    break;
                case "context":
                    if (block["elements"] is not JsonArray elements || elements.Count is 0 or > 10)
                        return "context needs 1 to 10 elements";
                    foreach (var element in elements)
                    {
                        if (TextObject(element, plainOnly: false, max: 3000) is { } e)
                            return "context: " + e;
                    }

                    break;
            }
        }

        return null;
    }

    private static string? TextObject(JsonNode? node, bool plainOnly, int max)
    {
        if (node is not JsonObject o || o["type"]?.GetValue<string>() is not { } type || o["text"]?.GetValue<string>() is not { } text)
            return "not a text object";
        if (type != "plain_text" && (plainOnly || type != "mrkdwn"))
            return $"text type {type}";
        if (text.Length == 0 || text.Length > max)
            return $"text length {text.Length} (1..{max})";
        return null;
    }
}
