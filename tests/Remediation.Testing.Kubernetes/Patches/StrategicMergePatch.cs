using System.Text.Json.Nodes;

namespace Remediation.Testing.Kubernetes.Patches;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for the apps/v1 fields kubectl patches: like a merge
/// patch, except that the lists Kubernetes declares with a merge key (containers by name, ports by containerPort, ...)
/// merge element by element, and the <c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder/</c> and
/// <c>$deleteFromPrimitiveList/</c> directives apply.
/// </summary>
public static class StrategicMergePatch
{
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["imagePullSecrets"] = "name",
        ["env"] = "name",
        ["ports"] = "containerPort",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["hostAliases"] = "ip",
        ["resourceClaims"] = "name",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
    };

    private static readonly HashSet<string> MergedPrimitiveLists = new(StringComparer.Ordinal) { "finalizers" };

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => Merge(target, patch);

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
            return patch?.DeepClone();

        var directive = patchObject["$patch"]?.GetValue<string>();
        if (directive == "delete")
            return null;
        if (directive == "replace")
        {
            var replacement = (JsonObject)patchObject.DeepClone();
            replacement.Remove("$patch");
            return replacement;
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith('$'))
                continue;

            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            if (value is JsonArray list && MergeKeys.TryGetValue(key, out var mergeKey))
                result[key] = MergeList(result[key] as JsonArray, list, mergeKey);
            else if (value is JsonArray primitives && MergedPrimitiveLists.Contains(key))
                result[key] = MergePrimitives(result[key] as JsonArray, primitives);
            else
            {
                var merged = Merge(result[key], value);
                if (merged is null)
                    result.Remove(key);
                else
                    result[key] = merged;
            }
        }

        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal) && value is JsonArray removed &&
                result[key["$deleteFromPrimitiveList/".Length..]] is JsonArray from)
            {
                foreach (var item in from.Where(i => removed.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                    from.Remove(item);
            }
            else if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) && value is JsonArray order &&
                     result[key["$setElementOrder/".Length..]] is JsonArray current)
            {
                var field = key["$setElementOrder/".Length..];
                result[field] = Reorder(current, order, MergeKeys.GetValueOrDefault(field));
            }
        }

        if (patchObject["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
                result.Remove(key);
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray? target, JsonArray patch, string mergeKey)
    {
        var result = target is null ? [] : (JsonArray)target.DeepClone();
        foreach (var item in patch)
        {
            if (item is not JsonObject element || element[mergeKey] is not { } key)
            {
                result.Add(item?.DeepClone());
                continue;
            }

            var index = IndexOf(result, mergeKey, key);
            if (element["$patch"]?.GetValue<string>() == "delete")
            {
                if (index >= 0)
                    result.RemoveAt(index);
                continue;
            }

            if (index >= 0)
                result[index] = Merge(result[index], element);
            else
                result.Add(Merge(null, element));
        }

        return result;
    }

    private static JsonArray MergePrimitives(JsonArray? target, JsonArray patch)
    {
        var result = target is null ? [] : (JsonArray)target.DeepClone();
        foreach (var item in patch.Where(i => !result.Any(r => JsonNode.DeepEquals(r, i))))
            result.Add(item?.DeepClone());
        return result;
    }

    private static JsonArray Reorder(JsonArray current, JsonArray order, string? mergeKey)
    {
        var remaining = current.Select(n => n?.DeepClone()).ToList();
        var result = new JsonArray();
        foreach (var wanted in order)
        {
            var match = remaining.FindIndex(n => mergeKey is null
                ? JsonNode.DeepEquals(n, wanted)
                : JsonNode.DeepEquals(n?[mergeKey], wanted?[mergeKey]));
            if (match < 0)
                continue;
            result.Add(remaining[match]);
            remaining.RemoveAt(match);
        }

        foreach (var rest in remaining)
            result.Add(rest);
        return result;
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (JsonNode.DeepEquals(list[i]?[mergeKey], key))
                return i;
        }

        return -1;
    }
}
