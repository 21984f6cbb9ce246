using System.Text.Json.Nodes;

namespace Remediation.Testing.Kubernetes.Api;

/// <summary>The version and discovery documents kubectl reads before any resource call (legacy, non-aggregated format).</summary>
internal static class Discovery
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-remediation-test",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-12-11T00:00:00Z",
        ["goVersion"] = "go1.23.3",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject CoreResources() => new()
    {
        ["kind"] = "APIResourceList",
        ["groupVersion"] = "v1",
        ["resources"] = new JsonArray(
            Resource("namespaces", "namespace", "Namespace", namespaced: false, ["get", "list"], ["ns"])),
    };

    public static JsonObject Groups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(AppsGroup()),
    };

    public static JsonObject AppsGroup() => new()
    {
        ["kind"] = "APIGroup",
        ["apiVersion"] = "v1",
        ["name"] = "apps",
        ["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = "apps/v1", ["version"] = "v1" }),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = "apps/v1", ["version"] = "v1" },
    };

    public static JsonObject AppsResources()
    {
        string[] verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
        string[] subVerbs = ["get", "patch", "update"];
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = "apps/v1",
            ["resources"] = new JsonArray(
                Resource("deployments", "deployment", "Deployment", namespaced: true, verbs, ["deploy"], ["all"]),
                Resource("deployments/status", "", "Deployment", namespaced: true, subVerbs),
                Resource("replicasets", "replicaset", "ReplicaSet", namespaced: true, verbs, ["rs"], ["all"]),
                Resource("replicasets/status", "", "ReplicaSet", namespaced: true, subVerbs)),
        };
    }

    private static JsonObject Resource(string name, string singular, string kind, bool namespaced, string[] verbs, string[]? shortNames = null, string[]? categories = null)
    {
        var resource = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = singular,
            ["namespaced"] = namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray([.. verbs.Select(v => (JsonNode)v)]),
        };
        if (shortNames is not null)
            resource["shortNames"] = new JsonArray([.. shortNames.Select(v => (JsonNode)v)]);
        if (categories is not null)
            resource["categories"] = new JsonArray([.. categories.Select(v => (JsonNode)v)]);
        return resource;
    }
}
