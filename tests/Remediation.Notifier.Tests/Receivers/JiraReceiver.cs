using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Remediation.Notifier.Tests.Receivers;

/// <summary>
/// Jira's REST API v2 and v3 with basic auth (email:API token). <c>POST /rest/api/{v}/issue</c> needs a known project
/// and issue type and a one-line summary of at most 255 characters; the description is a string on v2 and an Atlassian
/// Document on v3; labels have no spaces. Answers 201 <c>{"id","key","self"}</c> or 400
/// <c>{"errorMessages":[],"errors":{field:message}}</c>. Comments (<c>POST …/issue/{key}/comment</c>) need an existing
/// issue (404 otherwise) and a body of the version's kind; transitions need an available transition id (answered 204).
/// </summary>
public sealed class JiraReceiver : ReceiverServer
{
    public const string Email = "bot@example.com";
    public const string ApiToken = "JiraApiToken0123456789";
    public const string ProjectKey = "OPS";
    public const string DoneTransition = "31";

    private readonly Dictionary<string, JiraIssue> _issues = [];
    private int _next = 1;

    public IReadOnlyDictionary<string, JiraIssue> Issues
    {
        get
        {
            lock (this)
                return new Dictionary<string, JiraIssue>(_issues);
        }
    }

    private IResult Errors(string field, string message) =>
        Reject($"{field}: {message}", Results.Json(new { errorMessages = Array.Empty<string>(), errors = new Dictionary<string, string> { [field] = message } }, statusCode: 400));

    protected override IResult Handle(RecordedRequest request)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{ApiToken}"));
        if (request.Header("authorization") != expected)
            return Reject("authentication", Results.Json(new { errorMessages = new[] { "You are not authenticated. Authentication required to perform this operation." }, errors = new { } }, statusCode: 401));
        if (request.Header("content-type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
            return Reject("content type", Results.StatusCode(415));
        var parts = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4 || parts[0] != "rest" || parts[1] != "api" || parts[2] is not ("2" or "3") || parts[3] != "issue" || request.Json is not JsonObject body)
            return Reject("path " + request.Path, Results.NotFound());
        var version = int.Parse(parts[2], CultureInfo.InvariantCulture);

        if (parts.Length == 4 && request.Method == "POST")
            return Create(body, version);
        if (parts.Length == 6 && request.Method == "POST")
        {
            if (!_issues.TryGetValue(parts[4], out var issue))
                return Reject("unknown issue " + parts[4], Results.Json(new { errorMessages = new[] { "Issue does not exist or you do not have permission to see it." }, errors = new { } }, statusCode: 404));
            return parts[5] switch
            {
                "comment" => Comment(body, version, issue),
                "transitions" => Transition(body, version, issue),
                _ => Reject("path " + request.Path, Results.NotFound()),
            };
        }

        return Reject($"{request.Method} {request.Path}", Results.StatusCode(405));
    }

    private IResult Create(JsonObject body, int version)
    {
        if (body["fields"] is not JsonObject fields)
            return Errors("fields", "Field 'fields' is required.");
        if (fields["project"]?["key"]?.GetValue<string>() != ProjectKey)
            return Errors("project", "valid project is required");
        if (fields["issuetype"]?["name"]?.GetValue<string>() is not ("Task" or "Bug" or "Incident"))
            return Errors("issuetype", "valid issue type is required");
        if (fields["summary"]?.GetValue<string>() is not { Length: > 0 and <= 255 } summary)
            return Errors("summary", "You must specify a summary of the issue.");
        if (summary.Contains('\n', StringComparison.Ordinal))
            return Errors("summary", "The summary is invalid because it contains newline characters.");
        if (Document(fields["description"], version) is { } problem)
            return Errors("description", problem);
        if (fields["labels"] is JsonArray labels && labels.Any(l => l?.GetValue<string>().Contains(' ', StringComparison.Ordinal) != false))
            return Errors("labels", "The label can't contain spaces.");

        var id = (10000 + _next).ToString(CultureInfo.InvariantCulture);
        var key = $"{ProjectKey}-{_next++}";
        _issues[key] = new JiraIssue(key, summary, Text(fields["description"]!));
        return Results.Json(new { id, key, self = $"{BaseUrl}/rest/api/{version}/issue/{id}" }, statusCode: 201);
    }

    private IResult Comment(JsonObject body, int version, JiraIssue issue)
    {
        if (Document(body["body"], version) is { } problem)
            return Errors("comment", problem);
        issue.Comments.Add(Text(body["body"]!));
        return Results.Json(new { id = (20000 + issue.Comments.Count).ToString(CultureInfo.InvariantCulture) }, statusCode: 201);
    }

    private IResult Transition(JsonObject body, int version, JiraIssue issue)
    {
        if (body["transition"]?["id"]?.GetValue<string>() != DoneTransition)
            return Errors("transition", "Transition id is not valid for this issue.");
        if (body["update"]?["comment"] is JsonArray comments)
        {
            foreach (var comment in comments)
            {
                if (Document(comment?["add"]?["body"], version) is { } problem)
                    return Errors("comment", problem);
                issue.Comments.Add(Text(comment!["add"]!["body"]!));
            }
        }

        issue.Status = "Done";
        return Results.NoContent();
    }

    /// <summary>A v2 text as it is, a v3 document as JSON.</summary>
    private static string Text(JsonNode node) => node is JsonValue v && v.TryGetValue<string>(out var text)
        ? text
        : node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>v2 takes wiki text; v3 an Atlassian Document: type doc, version 1, content of paragraphs of non-empty text nodes.</summary>
    private static string? Document(JsonNode? node, int version)
    {
        if (version == 2)
            return node is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? null : "Operation value must be a string";
        if (node is not JsonObject doc || doc["type"]?.GetValue<string>() != "doc" || doc["version"]?.GetValue<int>() != 1 || doc["content"] is not JsonArray content)
            return "Operation value must be an Atlassian Document (see the Atlassian Document Format)";
        foreach (var block in content)
        {
            if (block?["type"]?.GetValue<string>() != "paragraph" || block["content"] is not JsonArray inline ||
                inline.Any(i => i?["type"]?.GetValue<string>() != "text" || string.IsNullOrEmpty(i["text"]?.GetValue<string>())))
                return "INVALID_INPUT";
        }

        return null;
    }
}
