using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Remediation.Notifier.Tests.Receivers;

/// <summary>
/// ServiceNow's Table API on <c>incident</c> with basic auth. <c>POST /api/now/table/incident</c> answers 201
/// <c>{"result":{"sys_id","number",…}}</c> (only the fields in <c>sysparm_fields</c> when given); <c>PATCH
/// …/incident/{sys_id}</c> answers 200, or 404 "No Record found". Like the base system's data policy, resolving
/// (state 6) needs a valid close code and close notes (403 otherwise). Fields the incident table does not have are
/// ignored by ServiceNow; here they are also noted as format problems, since they are typos.
/// </summary>
public sealed class ServiceNowReceiver : ReceiverServer
{
    public const string Username = "remediation.bot";
    public const string Password = "ServiceNowPassword0123";

    private static readonly HashSet<string> Fields =
    [
        "short_description", "description", "urgency", "impact", "priority", "category", "subcategory", "assignment_group",
        "assigned_to", "caller_id", "state", "work_notes", "comments", "close_code", "close_notes", "correlation_id",
        "correlation_display", "cmdb_ci", "business_service", "contact_type",
    ];

    private static readonly HashSet<string> CloseCodes =
    [
        "Duplicate", "Known error", "No resolution provided", "Resolved by caller", "Resolved by change", "Resolved by problem",
        "Resolved by request", "Solution provided", "Workaround provided", "User error",
    ];

    private readonly Dictionary<string, ServiceNowIncident> _incidents = [];
    private int _number = 10001;

    public IReadOnlyDictionary<string, ServiceNowIncident> Incidents
    {
        get
        {
            lock (this)
                return new Dictionary<string, ServiceNowIncident>(_incidents);
        }
    }

    private static IResult Failure(int status, string message, string detail) =>
        Results.Json(new { error = new { message, detail }, status = "failure" }, statusCode: status);

    protected override IResult Handle(RecordedRequest request)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        if (request.Header("authorization") != expected)
            return Reject("authentication", Failure(401, "User Not Authenticated", "Required to provide Auth information"));
        if (request.Header("accept")?.Contains("application/json", StringComparison.Ordinal) != true)
            return Reject("accept", Failure(406, "Not Acceptable", "The Accept header must ask for application/json"));
        if (request.Header("content-type")?.StartsWith("application/json", StringComparison.Ordinal) != true || request.Json is not JsonObject body)
            return Reject("content type", Failure(415, "Unsupported Media Type", "The request body must be JSON"));

        var unknown = body.Select(p => p.Key).Where(k => !Fields.Contains(k)).ToList();
        if (unknown.Count > 0)
            Reject("unknown fields " + string.Join(", ", unknown), Results.Ok());
        if (body["urgency"]?.GetValue<string>() is { } urgency && urgency is not ("1" or "2" or "3"))
            return Reject("urgency", Failure(400, "Invalid urgency", urgency));
        if (body["impact"]?.GetValue<string>() is { } impact && impact is not ("1" or "2" or "3"))
            return Reject("impact", Failure(400, "Invalid impact", impact));

        if (request.Method == "POST" && request.Path == "/api/now/table/incident")
            return Create(request, body);
        const string prefix = "/api/now/table/incident/";
        if (request.Method == "PATCH" && request.Path.StartsWith(prefix, StringComparison.Ordinal))
        {
            if (!_incidents.TryGetValue(request.Path[prefix.Length..], out var incident))
                return Reject("unknown record", Failure(404, "No Record found", "Record doesn't exist or ACL restricts the record retrieval"));
            if (Resolution(body) is { } problem)
                return Reject(problem, Failure(403, "Operation Failed", problem));
            Apply(incident, body);
            return Results.Json(new { result = incident.ToJson() });
        }

        return Reject($"{request.Method} {request.Path}", Failure(400, "Invalid resource", request.Path));
    }

    private IResult Create(RecordedRequest request, JsonObject body)
    {
        if (body["short_description"]?.GetValue<string>() is not { Length: > 0 and <= 160 })
            return Reject("short_description", Failure(403, "Operation Failed", "Data Policy Exception: Short description is mandatory (at most 160 characters)"));
        if (Resolution(body) is { } problem)
            return Reject(problem, Failure(403, "Operation Failed", problem));

        var incident = new ServiceNowIncident(Guid.NewGuid().ToString("N"), "INC" + (_number++).ToString("D7", CultureInfo.InvariantCulture));
        Apply(incident, body);
        _incidents[incident.SysId] = incident;
        var result = incident.ToJson();
        if (request.Query.Contains("sysparm_fields=", StringComparison.Ordinal))
        {
            var wanted = Uri.UnescapeDataString(request.Query.Split("sysparm_fields=")[1].Split('&')[0]).Split(',');
            foreach (var key in result.Select(p => p.Key).Where(k => !wanted.Contains(k)).ToList())
                result.Remove(key);
        }

        return Results.Json(new JsonObject { ["result"] = result }, statusCode: 201);
    }

    /// <summary>The base system's data policy: a resolved incident has a valid close code and close notes.</summary>
    private static string? Resolution(JsonObject body)
    {
        if (body["state"]?.GetValue<string>() is not ("6" or "7"))
            return null;
        if (body["close_code"]?.GetValue<string>() is not { } code || !CloseCodes.Contains(code))
            return "Data Policy Exception: The following fields are mandatory: Resolution code";
        return body["close_notes"]?.GetValue<string>() is { Length: > 0 } ? null : "Data Policy Exception: The following fields are mandatory: Resolution notes";
    }

    private static void Apply(ServiceNowIncident incident, JsonObject body)
    {
        foreach (var (key, value) in body)
        {
            var text = value?.GetValue<string>() ?? "";
            if (key == "work_notes")
                incident.WorkNotes.Add(text);
            else
                incident.Fields[key] = text;
        }
    }
}
