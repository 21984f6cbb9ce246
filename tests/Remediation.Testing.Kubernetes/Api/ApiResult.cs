using System.Text.Json.Nodes;

namespace Remediation.Testing.Kubernetes.Api;

/// <summary>An answer of the API: a status code and a JSON body (an object, a list or a <c>Status</c>).</summary>
internal sealed record ApiResult(int StatusCode, JsonNode Body)
{
    public static ApiResult Ok(JsonNode body) => new(200, body);

    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
