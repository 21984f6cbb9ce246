using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Remediation.Testing.Kubernetes.Cluster;

/// <summary>How the deployment controller makes a ReplicaSet for a template: name, pod-template-hash, owner, annotations.</summary>
public sealed partial class ClusterState
{
    private JsonObject NewReplicaSet(JsonObject deployment, long revision)
    {
        var metadata = deployment["metadata"]!;
        var template = (JsonObject)deployment["spec"]!["template"]!.DeepClone();
        var hash = TemplateHash(template);
        Json.Object(Json.Object(template, "metadata"), "labels")[Json.PodTemplateHashLabel] = hash;
        var selector = (JsonObject)deployment["spec"]!["selector"]!.DeepClone();
        Json.Object(selector, "matchLabels")[Json.PodTemplateHashLabel] = hash;
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{Json.String(metadata["name"])}-{hash}",
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = Guid.NewGuid().ToString(),
                ["generation"] = 1,
                ["creationTimestamp"] = Now(),
                ["labels"] = template["metadata"]!["labels"]!.DeepClone(),
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "apps/v1",
                    ["kind"] = "Deployment",
                    ["name"] = metadata["name"]?.DeepClone(),
                    ["uid"] = metadata["uid"]?.DeepClone(),
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = new JsonObject { ["replicas"] = 0, ["selector"] = selector, ["template"] = template },
            ["status"] = new JsonObject { ["replicas"] = 0 },
        };
        CopyAnnotations(deployment, rs, revision);
        return rs;
    }

    private static void CopyAnnotations(JsonObject deployment, JsonObject rs, long revision)
    {
        var annotations = Json.Object(Json.Object(rs, "metadata"), "annotations");
        foreach (var (key, value) in deployment["metadata"]?["annotations"] as JsonObject ?? [])
        {
            if (!AnnotationsNotCopied.Contains(key))
                annotations[key] = value?.DeepClone();
        }

        var replicas = Json.Long(deployment["spec"]?["replicas"], 1);
        annotations[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        annotations[DesiredReplicasAnnotation] = replicas.ToString(CultureInfo.InvariantCulture);
        annotations[MaxReplicasAnnotation] = (replicas + (long)Math.Ceiling(replicas * 0.25)).ToString(CultureInfo.InvariantCulture);
    }

    internal static long Revision(JsonNode? replicaSet) =>
        long.TryParse(Json.String(replicaSet?["metadata"]?["annotations"]?[RevisionAnnotation]), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;

    /// <summary>Like the controller's hash: FNV-1a over the template, written with the API's "safe" alphabet (no vowels).</summary>
    private static string TemplateHash(JsonNode template)
    {
        const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(Json.Canonical(Json.WithoutHash(template))))
        {
            hash ^= b;
            hash *= 16777619u;
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        return string.Concat(digits.Select(d => Alphabet[d % Alphabet.Length]));
    }
}
