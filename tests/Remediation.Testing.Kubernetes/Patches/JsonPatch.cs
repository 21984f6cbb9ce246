using System.Text.Json.Nodes;

namespace Remediation.Testing.Kubernetes.Patches;

/// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>), what <c>kubectl rollout undo</c> sends.</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = document.DeepClone();
        foreach (var node in operations)
        {
            if (node is not JsonObject op || op["op"]?.GetValue<string>() is not { } kind || op["path"]?.GetValue<string>() is not { } path)
                throw new PatchException("every operation needs 'op' and 'path'");

            switch (kind)
            {
                case "add":
                    root = Add(root, path, Value(op));
                    break;
                case "remove":
                    _ = Remove(root, path);
                    break;
                case "replace":
                    _ = Remove(root, path);
                    root = Add(root, path, Value(op));
                    break;
                case "move":
                    root = Add(root, path, Remove(root, From(op)));
                    break;
                case "copy":
                    root = Add(root, path, Get(root, From(op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), op["value"]))
                        throw new PatchException($"test operation failed at {path}");
                    break;
                default:
                    throw new PatchException($"unknown operation '{kind}'");
            }
        }

        return root;
    }

    private static JsonNode? Value(JsonObject op) =>
        op.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw new PatchException("operation needs 'value'");

    private static string From(JsonObject op) => op["from"]?.GetValue<string>() ?? throw new PatchException("operation needs 'from'");

    private static List<string> Tokens(string pointer)
    {
        if (pointer.Length == 0)
            return [];
        if (pointer[0] != '/')
            throw new PatchException($"'{pointer}' is not a JSON pointer");
        return [.. pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    private static JsonNode? Get(JsonNode? node, string pointer)
    {
        foreach (var token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw new PatchException($"path {pointer} does not exist"),
            };
        }

        return node;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode root, string pointer)
    {
        var tokens = Tokens(pointer);
        var parentPointer = string.Concat(tokens.Take(tokens.Count - 1).Select(t => "/" + t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
        return (Get(root, parentPointer) ?? throw new PatchException($"the parent of {pointer} is null"), tokens[^1]);
    }

    private static JsonNode Add(JsonNode root, string pointer, JsonNode? value)
    {
        if (pointer.Length == 0)
            return value ?? throw new PatchException("cannot replace the document with null");

        var (parent, last) = Parent(root, pointer);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw new PatchException($"cannot add at {pointer}");
        }

        return root;
    }

    private static JsonNode? Remove(JsonNode root, string pointer)
    {
        var (parent, last) = Parent(root, pointer);
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(last, out var existing):
                o.Remove(last);
                return existing;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                var item = a[i];
                a.RemoveAt(i);
                return item;
            default:
                throw new PatchException($"path {pointer} does not exist");
        }
    }
}
