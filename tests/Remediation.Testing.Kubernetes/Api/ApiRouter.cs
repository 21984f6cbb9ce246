using System.Globalization;
using System.Text.Json.Nodes;
using Remediation.Testing.Kubernetes.Cluster;

namespace Remediation.Testing.Kubernetes.Api;

/// <summary>Routes a request to the resource it names, as the API server's path layout does, and answers in its formats.</summary>
internal sealed class ApiRouter(ClusterState cluster, TimeProvider time, Func<string> serverAddress)
{
    public ApiResult Dispatch(HttpContext context, string body)
    {
        var request = context.Request;
        var method = request.Method;
        var segments = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var accept = request.Headers.Accept.ToString();
        var dryRun = request.Query["dryRun"].ToString() == "All";

        switch (segments)
        {
            case ["version"] when method == "GET":
                return ApiResult.Ok(Discovery.Version());
            case ["api"] when method == "GET":
                return ApiResult.Ok(Discovery.CoreVersions(serverAddress()));
            case ["api", "v1"] when method == "GET":
                return ApiResult.Ok(Discovery.CoreResources());
            case ["api", "v1", "namespaces", var ns] when method == "GET":
                return ApiResult.Ok(new JsonObject
                {
                    ["kind"] = "Namespace",
                    ["apiVersion"] = "v1",
                    ["metadata"] = new JsonObject { ["name"] = ns },
                    ["status"] = new JsonObject { ["phase"] = "Active" },
                });
            case ["apis"] when method == "GET":
                return ApiResult.Ok(Discovery.Groups());
            case ["apis", "apps"] when method == "GET":
                return ApiResult.Ok(Discovery.AppsGroup());
            case ["apis", "apps", "v1"] when method == "GET":
                return ApiResult.Ok(Discovery.AppsResources());
            case ["apis", "apps", "v1", var resource] when IsResource(resource) && method == "GET":
                return List(resource, null, request.Query, accept);
            case ["apis", "apps", "v1", "namespaces", var ns, var resource] when IsResource(resource):
                return method switch
                {
                    "GET" => List(resource, ns, request.Query, accept),
                    "POST" when resource == ClusterState.Deployments => Create(ns, body, dryRun),
                    _ => KubeStatus.MethodNotAllowed(),
                };
            case ["apis", "apps", "v1", "namespaces", var ns, var resource, var name] when IsResource(resource):
                return method switch
                {
                    "GET" => Single(resource, ns, name, accept),
                    "PATCH" when resource == ClusterState.Deployments =>
                        cluster.PatchDeployment(ns, name, request.ContentType ?? "", body, dryRun),
                    "PUT" when resource == ClusterState.Deployments => Replace(ns, name, body, dryRun),
                    _ => KubeStatus.MethodNotAllowed(),
                };
            case ["apis", "apps", "v1", "namespaces", var ns, var resource, var name, "status"] when IsResource(resource) && method == "GET":
                return cluster.Get(resource, ns, name);
            default:
                return KubeStatus.NotFoundPath();
        }
    }

    public static bool IsWatch(HttpRequest request) => request.Query["watch"].ToString() is "true" or "1";

    public static string? WatchedResource(HttpRequest request, out string? ns)
    {
        var segments = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        (var resource, ns) = segments switch
        {
            ["apis", "apps", "v1", var r] when IsResource(r) => (r, (string?)null),
            ["apis", "apps", "v1", "namespaces", var n, var r] when IsResource(r) => (r, n),
            _ => ((string?)null, (string?)null),
        };
        return resource;
    }

    private static bool IsResource(string resource) => resource is ClusterState.Deployments or ClusterState.ReplicaSets;

    private ApiResult List(string resource, string? ns, IQueryCollection query, string accept)
    {
        LabelSelector labels;
        try
        {
            labels = LabelSelector.Parse(query["labelSelector"].ToString());
        }
        catch (FormatException ex)
        {
            return KubeStatus.BadRequest(ex.Message);
        }

        var fields = FieldSelector.TryParse(query["fieldSelector"].ToString(), out var error);
        if (fields is null)
            return KubeStatus.BadRequest(error!);

        var (items, resourceVersion) = cluster.List(resource, ns, labels, fields);
        if (Tables.Wanted(accept))
            return ApiResult.Ok(Tables.Render(resource, items, resourceVersion, time.GetUtcNow()));

        foreach (var item in items)
        {
            item.Remove("apiVersion");
            item.Remove("kind");
        }

        return ApiResult.Ok(new JsonObject
        {
            ["kind"] = resource == ClusterState.Deployments ? "DeploymentList" : "ReplicaSetList",
            ["apiVersion"] = "apps/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray([.. items]),
        });
    }

    private ApiResult Single(string resource, string ns, string name, string accept)
    {
        var result = cluster.Get(resource, ns, name);
        return result.IsSuccess && Tables.Wanted(accept)
            ? ApiResult.Ok(Tables.Render(resource, [(JsonObject)result.Body], cluster.ResourceVersion, time.GetUtcNow()))
            : result;
    }

    private ApiResult Create(string ns, string body, bool dryRun)
    {
        try
        {
            return cluster.CreateDeployment(ns, Json.Parse(body), dryRun);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return KubeStatus.BadRequest($"error decoding body: {ex.Message}");
        }
    }

    private ApiResult Replace(string ns, string name, string body, bool dryRun)
    {
        JsonObject replacement;
        try
        {
            replacement = Json.Parse(body);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return KubeStatus.BadRequest($"error decoding body: {ex.Message}");
        }

        return cluster.UpdateDeployment(ns, name, _ => replacement, dryRun);
    }
}
