using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Remediation.Testing.Kubernetes.Api;
using Remediation.Testing.Kubernetes.Patches;

namespace Remediation.Testing.Kubernetes.Cluster;

/// <summary>
/// The objects of the test cluster (apps/v1 Deployments and ReplicaSets) with etcd-like resource versions, the
/// preconditions and validation the API server applies on writes, a watch log, and the deployment controller that moves
/// them (see <c>ClusterState.Controller.cs</c>). Everything runs under one lock: requests are serialised like writes to etcd.
/// </summary>
public sealed partial class ClusterState
{
    public const string Deployments = "deployments";
    public const string ReplicaSets = "replicasets";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly List<WatchEvent> _events = [];
    private readonly TimeProvider _time;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _resourceVersion = 1000;

    public ClusterState(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The latest resource version handed out (the cluster's logical clock).</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
                return _resourceVersion;
        }
    }

    internal ApiResult Get(string resource, string ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(Key(resource, ns, name), out var found)
                ? ApiResult.Ok(found.DeepClone())
                : KubeStatus.NotFound(resource, name);
        }
    }

    internal (List<JsonObject> Items, long ResourceVersion) List(string resource, string? ns, LabelSelector labels, Func<JsonObject, bool> fields)
    {
        lock (_gate)
        {
            var items = _objects
                .Where(p => p.Key.StartsWith(resource + "/", StringComparison.Ordinal))
                .Select(p => p.Value)
                .Where(o => ns is null || Json.String(o["metadata"]?["namespace"]) == ns)
                .Where(o => labels.Matches(o["metadata"]?["labels"]) && fields(o))
                .OrderBy(o => Json.String(o["metadata"]?["namespace"]), StringComparer.Ordinal)
                .ThenBy(o => Json.String(o["metadata"]?["name"]), StringComparer.Ordinal)
                .Select(o => (JsonObject)o.DeepClone())
                .ToList();
            return (items, _resourceVersion);
        }
    }

    internal ApiResult CreateDeployment(string ns, JsonObject body, bool dryRun)
    {
        lock (_gate)
        {
            var name = Json.String(body["metadata"]?["name"]);
            if (string.IsNullOrEmpty(name))
                return KubeStatus.Invalid("Deployment", "", "metadata.name", "Required value: name or generateName is required");
            if (_objects.ContainsKey(Key(Deployments, ns, name)))
                return KubeStatus.AlreadyExists(Deployments, name);

            var deployment = Json.Reparse(body);
            var metadata = Json.Object(deployment, "metadata");
            metadata["namespace"] = ns;
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Now();
            metadata["generation"] = 1;
            metadata.Remove("resourceVersion");
            deployment["apiVersion"] = "apps/v1";
            deployment["kind"] = "Deployment";
            deployment["status"] = new JsonObject();
            ApplyDeploymentDefaults(deployment);
            if (ValidateDeployment(deployment, name) is { } invalid)
                return invalid;
            if (dryRun)
                return new ApiResult(201, deployment);

            Write(Deployments, ns, name, deployment, "ADDED");
            return new ApiResult(201, deployment.DeepClone());
        }
    }

    /// <summary>PATCH or PUT of a Deployment: apply, check the resourceVersion precondition, validate, bump generation on a spec change.</summary>
    internal ApiResult UpdateDeployment(string ns, string name, Func<JsonObject, JsonNode?> change, bool dryRun)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue(Key(Deployments, ns, name), out var current))
                return KubeStatus.NotFound(Deployments, name);

            JsonObject updated;
            try
            {
                updated = change((JsonObject)current.DeepClone()) as JsonObject ?? throw new PatchException("the patch did not produce an object");
                updated = Json.Reparse(updated);
            }
            catch (PatchException ex)
            {
                return KubeStatus.Failure(422, "Invalid", ex.Message);
            }
            catch (JsonException ex)
            {
                return KubeStatus.BadRequest(ex.Message);
            }
            catch (InvalidOperationException ex)
            {
                return KubeStatus.BadRequest(ex.Message);
            }

            var precondition = Json.String(updated["metadata"]?["resourceVersion"]);
            if (precondition is not null && precondition != Json.String(current["metadata"]?["resourceVersion"]))
                return KubeStatus.Conflict(Deployments, name);

            var metadata = Json.Object(updated, "metadata");
            foreach (var immutable in new[] { "name", "namespace", "uid", "creationTimestamp", "generation" })
                metadata[immutable] = current["metadata"]?[immutable]?.DeepClone();
            updated["apiVersion"] = "apps/v1";
            updated["kind"] = "Deployment";
            updated["status"] = current["status"]?.DeepClone();
            ApplyDeploymentDefaults(updated);
            if (Json.Canonical(updated["spec"]?["selector"]) != Json.Canonical(current["spec"]?["selector"]))
                return KubeStatus.Invalid("Deployment", name, "spec.selector", "field is immutable");
            if (ValidateDeployment(updated, name) is { } invalid)
                return invalid;

            if (Json.Canonical(updated["spec"]) != Json.Canonical(current["spec"]))
                metadata["generation"] = Json.Long(current["metadata"]?["generation"]) + 1;
            else if (Json.Canonical(updated) == Json.Canonical(WithoutResourceVersion(current, updated)))
                return ApiResult.Ok(current.DeepClone()); // a no-op write keeps the resource version, as the API server does

            if (dryRun)
                return ApiResult.Ok(updated);
            Write(Deployments, ns, name, updated, "MODIFIED");
            return ApiResult.Ok(updated.DeepClone());
        }
    }

    internal ApiResult PatchDeployment(string ns, string name, string contentType, string body, bool dryRun)
    {
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            return KubeStatus.BadRequest($"error decoding patch: {ex.Message}");
        }

        var mediaType = contentType.Split(';')[0].Trim();
        Func<JsonObject, JsonNode?>? apply = mediaType switch
        {
            "application/merge-patch+json" => current => JsonMergePatch.Apply(current, patch),
            "application/strategic-merge-patch+json" => current => StrategicMergePatch.Apply(current, patch),
            "application/json-patch+json" when patch is JsonArray operations => current => JsonPatch.Apply(current, operations),
            _ => null,
        };
        return apply is null ? KubeStatus.UnsupportedMediaType(mediaType) : UpdateDeployment(ns, name, apply, dryRun);
    }

    internal IReadOnlyList<WatchEvent> EventsAfter(long resourceVersion, out long latest, out Task changed)
    {
        lock (_gate)
        {
            latest = _resourceVersion;
            changed = _changed.Task;
            var start = _events.FindIndex(e => e.ResourceVersion > resourceVersion);
            return start < 0 ? [] : _events.GetRange(start, _events.Count - start);
        }
    }

    private static JsonObject WithoutResourceVersion(JsonObject current, JsonObject updated)
    {
        var copy = (JsonObject)current.DeepClone();
        if (Json.String(updated["metadata"]?["resourceVersion"]) is null)
            (copy["metadata"] as JsonObject)?.Remove("resourceVersion");
        return copy;
    }

    private void Write(string resource, string ns, string name, JsonObject value, string type)
    {
        _resourceVersion++;
        Json.Object(value, "metadata")["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        _objects[Key(resource, ns, name)] = value;
        _events.Add(new WatchEvent(_resourceVersion, resource, ns, type, (JsonObject)value.DeepClone()));
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private void Delete(string resource, string ns, string name)
    {
        if (!_objects.Remove(Key(resource, ns, name), out var removed))
            return;
        _resourceVersion++;
        removed["metadata"]!["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        _events.Add(new WatchEvent(_resourceVersion, resource, ns, "DELETED", removed));
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static ApiResult? ValidateDeployment(JsonObject deployment, string name)
    {
        var spec = deployment["spec"];
        if (spec?["selector"] is not JsonObject selector || selector.Count == 0)
            return KubeStatus.Invalid("Deployment", name, "spec.selector", "Required value");
        if (spec["template"]?["spec"]?["containers"] is not JsonArray { Count: > 0 })
            return KubeStatus.Invalid("Deployment", name, "spec.template.spec.containers", "Required value");
        if (!LabelSelector.FromObject(selector).Matches(spec["template"]?["metadata"]?["labels"]))
            return KubeStatus.Invalid("Deployment", name, "spec.template.metadata.labels", "Invalid value: `selector` does not match template `labels`");
        if (Json.Long(spec["replicas"]) < 0)
            return KubeStatus.Invalid("Deployment", name, "spec.replicas", "must be greater than or equal to 0");
        return null;
    }

    /// <summary>The defaults the API server fills in, so that templates read back as a real server returns them.</summary>
    private static void ApplyDeploymentDefaults(JsonObject deployment)
    {
        var spec = Json.Object(deployment, "spec");
        spec["replicas"] ??= 1;
        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
        if (spec["paused"] is JsonValue paused && paused.TryGetValue<bool>(out var isPaused) && !isPaused)
            spec.Remove("paused"); // omitempty: a resumed Deployment reads back without the field
        if (spec["strategy"] is null)
        {
            spec["strategy"] = new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" },
            };
        }

        var template = Json.Object(spec, "template");
        var podSpec = Json.Object(template, "spec");
        podSpec["restartPolicy"] ??= "Always";
        podSpec["dnsPolicy"] ??= "ClusterFirst";
        podSpec["terminationGracePeriodSeconds"] ??= 30;
        podSpec["schedulerName"] ??= "default-scheduler";
        foreach (var container in (podSpec["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var image = Json.String(container["image"]) ?? "";
            var tagged = image.LastIndexOf(':') > image.LastIndexOf('/');
            container["imagePullPolicy"] ??= !tagged || image.EndsWith(":latest", StringComparison.Ordinal) ? "Always" : "IfNotPresent";
            container["terminationMessagePath"] ??= "/dev/termination-log";
            container["terminationMessagePolicy"] ??= "File";
        }

        Json.Prune(template);
    }

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Key(string resource, string ns, string name) => $"{resource}/{ns}/{name}";
}
