using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Remediation.Notifier.Channels;

/// <summary>JSON bodies for channel requests.</summary>
internal static class ChannelJson
{
    // The bodies are JSON over HTTP, never embedded in HTML: keep arrows and accents readable on the wire.
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static StringContent Content(JsonNode body) => new(body.ToJsonString(Options), Encoding.UTF8, "application/json");

    public static HttpRequestMessage Request(HttpMethod method, string url, JsonNode body) =>
        new(method, url) { Content = Content(body) };

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static string Join(string baseUrl, string path) => baseUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    /// <summary>Reads a string property from a response body, or null when the body is not the JSON expected.</summary>
    public static string? Read(string body, params string[] path)
    {
        try
        {
            JsonNode? node = JsonNode.Parse(body);
            foreach (var name in path)
                node = node is JsonObject o ? o[name] : null;
            return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
