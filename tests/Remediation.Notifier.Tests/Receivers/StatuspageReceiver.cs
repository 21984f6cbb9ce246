using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Remediation.Notifier.Tests.Receivers;

/// <summary>
/// Atlassian Statuspage's REST API v1 with <c>Authorization: OAuth &lt;key&gt;</c> (401 "Could not authenticate"
/// otherwise). <c>POST /v1/pages/{page}/incidents</c> with <c>{"incident":{…}}</c>: a name, a realtime status
/// (investigating, identified, monitoring, resolved), an impact override among none/minor/major/critical, and components
/// of the page with a component status; answers 201 with the incident. <c>PATCH …/incidents/{id}</c> answers 200. Bad
/// values are 422 <c>{"error":["… is not included in the list"]}</c>.
/// </summary>
public sealed class StatuspageReceiver : ReceiverServer
{
    public const string PageId = "kctbh9vrtdwd";
    public const string ApiKey = "StatuspageApiKey0123456789";
    public static readonly string[] Components = ["8kbf7d35c070", "vtnh60py4yd7"];

    private static readonly HashSet<string> Statuses = ["investigating", "identified", "monitoring", "resolved"];
    private static readonly HashSet<string> ComponentStatuses = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"];
    private readonly Dictionary<string, StatuspageIncident> _incidents = [];
    private readonly Dictionary<string, string> _components = Components.ToDictionary(c => c, _ => "operational");

    public IReadOnlyDictionary<string, StatuspageIncident> Incidents
    {
        get
        {
            lock (this)
                return new Dictionary<string, StatuspageIncident>(_incidents);
        }
    }

    public IReadOnlyDictionary<string, string> ComponentStatus
    {
        get
        {
            lock (this)
                return new Dictionary<string, string>(_components);
        }
    }

    private IResult Unprocessable(string error) => Reject(error, Results.Json(new { error = new[] { error } }, statusCode: 422));

    protected override IResult Handle(RecordedRequest request)
    {
        if (request.Header("authorization") != "OAuth " + ApiKey)
            return Reject("authentication", Results.Json(new { error = "Could not authenticate" }, statusCode: 401));
        var prefix = $"/v1/pages/{PageId}/incidents";
        if (!request.Path.StartsWith(prefix, StringComparison.Ordinal))
            return Reject("path " + request.Path, Results.Json(new { error = "Not found" }, statusCode: 404));
        if (request.Header("content-type")?.StartsWith("application/json", StringComparison.Ordinal) != true || request.Json?["incident"] is not JsonObject incident)
            return Reject("body", Results.Json(new { error = "incident is missing" }, statusCode: 400));

        var status = incident["status"]?.GetValue<string>();
        if (status is not null && !Statuses.Contains(status))
            return Unprocessable("Status is not included in the list");
        if (incident["impact_override"]?.GetValue<string>() is { } impact && impact is not ("none" or "minor" or "major" or "critical"))
            return Unprocessable("Impact override is not included in the list");
        if (incident["component_ids"] is JsonArray ids && ids.Any(id => !_components.ContainsKey(id!.GetValue<string>())))
            return Unprocessable("Component ids are not components of this page");
        if (incident["components"] is JsonObject components)
        {
            foreach (var (id, value) in components)
            {
                if (!_components.ContainsKey(id))
                    return Unprocessable($"Component {id} is not a component of this page");
                if (value?.GetValue<string>() is not { } componentStatus || !ComponentStatuses.Contains(componentStatus))
                    return Unprocessable("Component status is not included in the list");
            }
        }

        if (request.Method == "POST" && request.Path == prefix)
        {
            if (incident["name"]?.GetValue<string>() is not { Length: > 0 } name)
                return Unprocessable("Name can't be blank");
            var created = new StatuspageIncident(Guid.NewGuid().ToString("N")[..12], name);
            _incidents[created.Id] = created;
            Apply(created, incident, status ?? "investigating");
            return Results.Json(created.ToJson(PageId), statusCode: 201);
        }

        if (request.Method == "PATCH" && request.Path.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            if (!_incidents.TryGetValue(request.Path[(prefix.Length + 1)..], out var existing))
                return Reject("unknown incident", Results.Json(new { error = "Not found" }, statusCode: 404));
            Apply(existing, incident, status ?? existing.Status);
            return Results.Json(existing.ToJson(PageId));
        }

        return Reject($"{request.Method} {request.Path}", Results.StatusCode(405));
    }

    private void Apply(StatuspageIncident incident, JsonObject update, string status)
    {
        incident.Updates.Add((status, update["body"]?.GetValue<string>() ?? ""));
        if (update["components"] is JsonObject components)
        {
            foreach (var (id, value) in components)
                _components[id] = value!.GetValue<string>();
        }
    }
}
