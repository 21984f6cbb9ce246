using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Remediation.Notifier.Tests.Receivers;

/// <summary>
/// PagerDuty's Events API v2. <c>POST /v2/enqueue</c>: a 32-character <c>routing_key</c>; <c>event_action</c> trigger,
/// acknowledge or resolve; a trigger needs <c>payload.summary</c> (at most 1024), <c>payload.source</c> and
/// <c>payload.severity</c> (critical, error, warning, info); acknowledge and resolve need a <c>dedup_key</c> (at most
/// 255). Answers 202 <c>{"status":"success","message":"Event processed","dedup_key":…}</c> or 400
/// <c>{"status":"invalid event","message":"Event object is invalid","errors":[…]}</c>. <c>POST /v2/change/enqueue</c>:
/// <c>routing_key</c> and <c>payload.summary</c>. Keeps the alerts' states by dedup key, as PagerDuty does.
/// </summary>
public sealed class PagerDutyReceiver : ReceiverServer
{
    public const string RoutingKey = "R0UT1NGKEY0123456789ABCDEFGHIJKL";

    private static readonly HashSet<string> Severities = ["critical", "error", "warning", "info"];
    private readonly Dictionary<string, string> _alerts = [];
    private readonly List<JsonObject> _events = [];
    private readonly List<JsonObject> _changes = [];

    /// <summary>Alert state by dedup key: triggered, acknowledged, resolved.</summary>
    public IReadOnlyDictionary<string, string> Alerts
    {
        get
        {
            lock (this)
                return new Dictionary<string, string>(_alerts);
        }
    }

    /// <summary>Accepted alert events, in order.</summary>
    public IReadOnlyList<JsonObject> Events
    {
        get
        {
            lock (this)
                return [.. _events];
        }
    }

    /// <summary>Accepted change events, in order.</summary>
    public IReadOnlyList<JsonObject> Changes
    {
        get
        {
            lock (this)
                return [.. _changes];
        }
    }

    private IResult Invalid(string error) =>
        Reject(error, Results.Json(new { status = "invalid event", message = "Event object is invalid", errors = new[] { error } }, statusCode: 400));

    protected override IResult Handle(RecordedRequest request)
    {
        if (request.Method != "POST")
            return Reject("method", Results.StatusCode(405));
        if (request.Header("content-type")?.StartsWith("application/json", StringComparison.Ordinal) != true || request.Json is not JsonObject body)
            return Invalid("Invalid JSON");
        if (body["routing_key"]?.GetValue<string>() is not { Length: 32 } key)
            return Invalid("Length of 'routing_key' is incorrect (should be 32 characters)");
        if (key != RoutingKey)
            return Invalid("Invalid routing key");

        return request.Path switch
        {
            "/v2/enqueue" => Alert(body),
            "/v2/change/enqueue" => Change(body),
            _ => Reject("path " + request.Path, Results.NotFound()),
        };
    }

    private IResult Alert(JsonObject body)
    {
        var action = body["event_action"]?.GetValue<string>();
        var dedupKey = body["dedup_key"]?.GetValue<string>();
        if (action is not ("trigger" or "acknowledge" or "resolve"))
            return Invalid("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')");
        if (dedupKey is { Length: > 255 })
            return Invalid("'dedup_key' is too long (max 255)");
        if (action == "trigger")
        {
            if (body["payload"] is not JsonObject payload)
                return Invalid("'payload' is missing or blank");
            if (payload["summary"]?.GetValue<string>() is not { Length: > 0 and <= 1024 })
                return Invalid("'payload.summary' is missing, blank or longer than 1024 characters");
            if (payload["source"]?.GetValue<string>() is not { Length: > 0 })
                return Invalid("'payload.source' is missing or blank");
            if (payload["severity"]?.GetValue<string>() is not { } severity || !Severities.Contains(severity))
                return Invalid("'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')");
            if (payload["timestamp"]?.GetValue<string>() is { } timestamp && !DateTimeOffset.TryParse(timestamp, out _))
                return Invalid("'payload.timestamp' is invalid");
            if (payload["custom_details"] is { } details && details is not JsonObject)
                return Invalid("'payload.custom_details' must be an object");
            dedupKey ??= Guid.NewGuid().ToString("N");
        }
        else if (string.IsNullOrEmpty(dedupKey))
        {
            return Invalid("'dedup_key' is missing or blank");
        }

        lock (this)
        {
            _events.Add(body);
            // Acknowledge and resolve apply to an open alert; for others PagerDuty drops them, and says success.
            if (action == "trigger" && (!_alerts.TryGetValue(dedupKey!, out var state) || state == "resolved"))
                _alerts[dedupKey!] = "triggered";
            else if (action != "trigger" && _alerts.TryGetValue(dedupKey!, out var current) && current != "resolved")
                _alerts[dedupKey!] = action == "resolve" ? "resolved" : "acknowledged";
        }

        return Results.Json(new { status = "success", message = "Event processed", dedup_key = dedupKey }, statusCode: 202);
    }

    private IResult Change(JsonObject body)
    {
        if (body["payload"]?["summary"]?.GetValue<string>() is not { Length: > 0 and <= 1024 })
            return Invalid("'payload.summary' is missing, blank or longer than 1024 characters");
        lock (this)
            _changes.Add(body);
        return Results.Json(new { status = "success", message = "Change event processed" }, statusCode: 202);
    }
}
