using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Remediation.Executor.Kubernetes.Models;

namespace Remediation.Executor.Kubernetes;

/// <summary>
/// Pod templates as kubectl's rollback compares them: equal when they are semantically equal (null and empty alike, key
/// order ignored) once the controller's pod-template-hash label is set aside.
/// </summary>
public static class PodTemplates
{
    public static bool EqualIgnoringHash(JsonObject a, JsonObject b) => Canonical(WithoutHash(a)) == Canonical(WithoutHash(b));

    /// <summary>A copy without the pod-template-hash label and without null or empty fields: what a rollback writes back.</summary>
    public static JsonObject WithoutHash(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var copy = (JsonObject)Prune(template.DeepClone())!;
        if (copy["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(KubernetesNames.PodTemplateHashLabel);
            Prune(copy);
        }

        return copy;
    }

    /// <summary>
    /// The RFC 7386 merge patch that turns <paramref name="from"/> into <paramref name="to"/> exactly: fields only in
    /// <paramref name="from"/> are set to null, objects are diffed recursively, anything else is replaced whole.
    /// </summary>
    public static JsonObject MergeDiff(JsonObject from, JsonObject to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var patch = new JsonObject();
        foreach (var (key, _) in from)
        {
            if (!to.ContainsKey(key))
                patch[key] = null;
        }

        foreach (var (key, value) in to)
        {
            var before = from[key];
            if (before is JsonObject beforeObject && value is JsonObject afterObject)
            {
                var inner = MergeDiff(beforeObject, afterObject);
                if (inner.Count > 0)
                    patch[key] = inner;
            }
            else if (Canonical(before) != Canonical(value))
            {
                patch[key] = value?.DeepClone();
            }
        }

        return patch;
    }

    /// <summary>The images of the template's containers, by container name.</summary>
    public static IReadOnlyDictionary<string, string> Images(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var container in (template["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Str(container["name"]) is { } name && Str(container["image"]) is { } image)
                result[name] = image;
        }

        return result;
    }

    /// <summary>The image of the named container, or of the first one.</summary>
    public static string? Image(JsonObject template, string? container)
    {
        var images = Images(template);
        return container is not null ? images.GetValueOrDefault(container) : images.Values.FirstOrDefault();
    }

    /// <summary>
    /// The version the template runs: its <c>app.kubernetes.io/version</c> (or <c>version</c>) label, else the tag of the
    /// container's image.
    /// </summary>
    public static string? Version(JsonObject template, string? container)
    {
        ArgumentNullException.ThrowIfNull(template);
        var labels = template["metadata"]?["labels"];
        if (Str(labels?[KubernetesNames.VersionLabel]) is { Length: > 0 } label)
            return label;
        if (Str(labels?["version"]) is { Length: > 0 } plain)
            return plain;
        return Image(template, container) is { } image ? Tag(image) : null;
    }

    /// <summary>True when the template runs <paramref name="version"/>, by label or by image tag.</summary>
    public static bool RunsVersion(JsonObject template, string? container, string version)
    {
        ArgumentNullException.ThrowIfNull(template);
        var labels = template["metadata"]?["labels"];
        return Str(labels?[KubernetesNames.VersionLabel]) == version ||
               Str(labels?["version"]) == version ||
               (Image(template, container) is { } image && Tag(image) == version);
    }

    public static bool RunsImage(JsonObject template, string? container, string image) =>
        container is not null ? Image(template, container) == image : Images(template).Values.Contains(image, StringComparer.Ordinal);

    /// <summary>The tag of an image reference (<c>registry:5000/app:v1</c> → <c>v1</c>), or its digest.</summary>
    public static string? Tag(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
            return image[(at + 1)..];
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? image[(colon + 1)..] : null;
    }

    internal static string? Str(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static JsonNode? Prune(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (var key in o.Select(p => p.Key).ToList())
            {
                Prune(o[key]);
                if (o[key] is null or JsonObject { Count: 0 } or JsonArray { Count: 0 })
                    o.Remove(key);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var item in a)
                Prune(item);
        }

        return node;
    }

    private static string Canonical(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(Prune(node?.DeepClone()), builder);
        return builder.ToString();
    }

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
                // Numbers are compared by value: 1 and 1.0 are the same quantity.
                var text = node.ToJsonString();
                builder.Append(node.GetValueKind() == JsonValueKind.Number &&
                               double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? number.ToString("R", CultureInfo.InvariantCulture)
                    : text);
                break;
        }
    }
}
