using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Remediation.Testing.Kubernetes.Cluster;

/// <summary>JSON helpers: the API server's notion of "semantically equal" (nil and empty alike) and safe accessors.</summary>
internal static class Json
{
    public const string PodTemplateHashLabel = "pod-template-hash";

    /// <summary>Removes nulls, empty objects and empty arrays, as Go's omitempty does when an object is stored and read back.</summary>
    public static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    var pruned = Prune(o[key]);
                    if (pruned is null || pruned is JsonObject { Count: 0 } || pruned is JsonArray { Count: 0 })
                        o.Remove(key);
                    else if (!ReferenceEquals(pruned, o[key]))
                        o[key] = pruned;
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    Prune(a[i]);
                return a;
            default:
                return node;
        }
    }

    /// <summary>A canonical text (sorted keys, nothing empty) so that equal documents compare equal.</summary>
    public static string Canonical(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(Prune(node?.DeepClone()), builder);
        return builder.ToString();
    }

    public static bool TemplatesEqualIgnoringHash(JsonNode? a, JsonNode? b) => Canonical(WithoutHash(a)) == Canonical(WithoutHash(b));

    public static JsonNode? WithoutHash(JsonNode? template)
    {
        var copy = template?.DeepClone();
        (copy?["metadata"]?["labels"] as JsonObject)?.Remove(PodTemplateHashLabel);
        return copy;
    }

    public static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long Long(JsonNode? node, long fallback = 0) =>
        node is JsonValue v ? (v.TryGetValue<long>(out var l) ? l : v.TryGetValue<int>(out var i) ? i : v.TryGetValue<double>(out var d) ? (long)d : fallback) : fallback;

    public static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static JsonObject Object(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
            return existing;
        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    public static JsonObject Parse(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new JsonException("expected a JSON object");

    /// <summary>A copy that went through text, so that every number and string is a parsed value (comparable with DeepEquals).</summary>
    public static JsonObject Reparse(JsonObject node) => Parse(node.ToJsonString());

    private static void Write(JsonNode? node, StringBuilder builder)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject o:
                builder.Append('{');
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(value, builder);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case JsonArray a:
                builder.Append('[');
                foreach (var item in a)
                {
                    Write(item, builder);
                    builder.Append(',');
                }

                builder.Append(']');
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }
}
