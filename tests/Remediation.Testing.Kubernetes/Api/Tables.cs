using System.Globalization;
using System.Text.Json.Nodes;
using Remediation.Testing.Kubernetes.Cluster;

namespace Remediation.Testing.Kubernetes.Api;

/// <summary>Server-side printing: the <c>meta.k8s.io/v1 Table</c> that <c>kubectl get</c> asks for, with the API server's columns.</summary>
internal static class Tables
{
    public static bool Wanted(string? accept) => accept?.Contains("as=Table", StringComparison.Ordinal) == true;

    public static JsonObject Render(string resource, IEnumerable<JsonObject> items, long resourceVersion, DateTimeOffset now)
    {
        var deployments = resource == ClusterState.Deployments;
        var columns = deployments
            ? new[] { ("Name", "string", "name", 0), ("Ready", "string", "", 0), ("Up-to-date", "integer", "", 0), ("Available", "integer", "", 0), ("Age", "string", "", 0), ("Containers", "string", "", 1), ("Images", "string", "", 1), ("Selector", "string", "", 1) }
            : new[] { ("Name", "string", "name", 0), ("Desired", "integer", "", 0), ("Current", "integer", "", 0), ("Ready", "integer", "", 0), ("Age", "string", "", 0), ("Containers", "string", "", 1), ("Images", "string", "", 1), ("Selector", "string", "", 1) };

        var rows = new JsonArray();
        foreach (var item in items)
        {
            var spec = item["spec"];
            var status = item["status"];
            var containers = (spec?["template"]?["spec"]?["containers"] as JsonArray ?? []).ToList();
            var names = string.Join(",", containers.Select(c => Json.String(c?["name"])));
            var images = string.Join(",", containers.Select(c => Json.String(c?["image"])));
            var selector = string.Join(",", (spec?["selector"]?["matchLabels"] as JsonObject ?? []).Select(p => $"{p.Key}={Json.String(p.Value)}"));
            var age = Age(Json.String(item["metadata"]?["creationTimestamp"]), now);
            var desired = Json.Long(spec?["replicas"], 1);
            JsonArray cells = deployments
                ? [Json.String(item["metadata"]?["name"]), $"{Json.Long(status?["readyReplicas"])}/{desired}", Json.Long(status?["updatedReplicas"]), Json.Long(status?["availableReplicas"]), age, names, images, selector]
                : [Json.String(item["metadata"]?["name"]), desired, Json.Long(status?["replicas"]), Json.Long(status?["readyReplicas"]), age, names, images, selector];
            rows.Add(new JsonObject
            {
                ["cells"] = cells,
                ["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item["metadata"]?.DeepClone(),
                },
            });
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["columnDefinitions"] = new JsonArray([.. columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Item1,
                ["type"] = c.Item2,
                ["format"] = c.Item3,
                ["description"] = c.Item1,
                ["priority"] = c.Item4,
            })]),
            ["rows"] = rows,
        };
    }

    /// <summary>Ages as kubectl shows them: 42s, 5m, 3h, 2d.</summary>
    private static string Age(string? created, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, out var at))
            return "<unknown>";
        var age = now - at;
        return age.TotalSeconds < 120 ? $"{Math.Max(0, (int)age.TotalSeconds)}s"
            : age.TotalMinutes < 120 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }
}
