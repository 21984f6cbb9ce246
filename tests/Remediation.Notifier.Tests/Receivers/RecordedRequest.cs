using System.Text.Json;
using System.Text.Json.Nodes;

namespace Remediation.Notifier.Tests.Receivers;

/// <summary>A request a receiver got, and what it answered.</summary>
public sealed record RecordedRequest
{
    public required string Method { get; init; }

    public required string Path { get; init; }

    public required string Query { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required string Body { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public int AnsweredStatus { get; set; }

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    /// <summary>The body as JSON, or null when it is not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
