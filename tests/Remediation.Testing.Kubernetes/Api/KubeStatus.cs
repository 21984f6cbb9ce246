using System.Text.Json.Nodes;

namespace Remediation.Testing.Kubernetes.Api;

/// <summary>The <c>Status</c> objects a real API server answers errors with (same reason, code and message wording).</summary>
internal static class KubeStatus
{
    public static ApiResult Failure(int code, string reason, string message, JsonObject? details = null, int? retryAfterSeconds = null)
    {
        if (retryAfterSeconds is { } seconds)
            (details ??= [])["retryAfterSeconds"] = seconds;
        var body = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
            body["details"] = details;
        body["code"] = code;
        return new ApiResult(code, body);
    }

    public static ApiResult NotFound(string resource, string name) =>
        Failure(404, "NotFound", $"{resource}.apps \"{name}\" not found", Details(resource, name));

    public static ApiResult NotFoundPath() => Failure(404, "NotFound", "the server could not find the requested resource");

    public static ApiResult Conflict(string resource, string name) =>
        Failure(409, "Conflict",
            $"Operation cannot be fulfilled on {resource}.apps \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(resource, name));

    public static ApiResult AlreadyExists(string resource, string name) =>
        Failure(409, "AlreadyExists", $"{resource}.apps \"{name}\" already exists", Details(resource, name));

    public static ApiResult Invalid(string kind, string name, string field, string problem)
    {
        var details = new JsonObject
        {
            ["name"] = name,
            ["group"] = "apps",
            ["kind"] = kind,
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = problem, ["field"] = field }),
        };
        return Failure(422, "Invalid", $"{kind}.apps \"{name}\" is invalid: {field}: {problem}", details);
    }

    public static ApiResult BadRequest(string message) => Failure(400, "BadRequest", message);

    public static ApiResult Unauthorized() => Failure(401, "Unauthorized", "Unauthorized");

    public static ApiResult UnsupportedMediaType(string contentType) =>
        Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got {contentType})");

    public static ApiResult MethodNotAllowed() => Failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    /// <summary>The answer for an injected server error, worded as the API server words it.</summary>
    public static ApiResult ForCode(int code) => code switch
    {
        409 => Failure(409, "Conflict", "Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again"),
        429 => Failure(429, "TooManyRequests", "Too many requests, please try again later.", retryAfterSeconds: 1),
        500 => Failure(500, "InternalError", "Internal error occurred: injected fault"),
        503 => Failure(503, "ServiceUnavailable", "The server is currently unable to handle the request", retryAfterSeconds: 1),
        504 => Failure(504, "Timeout", "Timeout: request did not complete within requested timeout"),
        _ => Failure(code, "Unknown", $"injected fault {code}"),
    };

    private static JsonObject Details(string resource, string name) => new() { ["name"] = name, ["group"] = "apps", ["kind"] = resource };
}
