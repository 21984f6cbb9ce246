using System.Text.Json.Nodes;

namespace Remediation.Testing.Kubernetes.Cluster;

/// <summary>What a test does to the cluster directly: create and roll Deployments as a user would, and steer the controller.</summary>
public sealed partial class ClusterState
{
    public const string VersionLabel = "app.kubernetes.io/version";

    /// <summary>Creates a Deployment (as <c>kubectl create</c> would) and lets the controller finish its first rollout.</summary>
    public JsonObject CreateDeployment(DeploymentSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var labels = new JsonObject { ["app"] = seed.Name };
        if (seed.Version is not null)
            labels[VersionLabel] = seed.Version;
        var annotations = new JsonObject();
        foreach (var (key, value) in seed.Annotations)
            annotations[key] = value;

        var body = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = seed.Name, ["labels"] = new JsonObject { ["app"] = seed.Name }, ["annotations"] = annotations },
            ["spec"] = new JsonObject
            {
                ["replicas"] = seed.Replicas,
                ["revisionHistoryLimit"] = seed.RevisionHistoryLimit,
                ["progressDeadlineSeconds"] = seed.ProgressDeadlineSeconds,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = seed.Name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels },
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = seed.Container,
                            ["image"] = seed.Image,
                            ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080, ["protocol"] = "TCP" }),
                        }),
                    },
                },
            },
        };
        var result = CreateDeployment(seed.Namespace, body, dryRun: false);
        if (!result.IsSuccess)
            throw new InvalidOperationException(result.Body.ToJsonString());
        Settle();
        return Deployment(seed.Namespace, seed.Name);
    }

    /// <summary>Deploys a new version (a template change, as <c>kubectl set image</c> would) and lets the rollout finish.</summary>
    public JsonObject Deploy(string ns, string name, string image, string? version = null, string? changeCause = null)
    {
        var result = UpdateDeployment(ns, name, deployment =>
        {
            var template = deployment["spec"]!["template"]!;
            template["spec"]!["containers"]![0]!["image"] = image;
            var labels = Json.Object(Json.Object((JsonObject)template, "metadata"), "labels");
            if (version is not null)
                labels[VersionLabel] = version;
            if (changeCause is not null)
                Json.Object(Json.Object(deployment, "metadata"), "annotations")["kubernetes.io/change-cause"] = changeCause;
            return deployment;
        }, dryRun: false);
        if (!result.IsSuccess)
            throw new InvalidOperationException(result.Body.ToJsonString());
        Settle();
        return Deployment(ns, name);
    }

    /// <summary>Changes the Deployment's template as someone else would (another tool, a person), without settling.</summary>
    public JsonObject ChangeTemplate(string ns, string name, Action<JsonObject> change)
    {
        var result = UpdateDeployment(ns, name, deployment =>
        {
            change((JsonObject)deployment["spec"]!["template"]!);
            return deployment;
        }, dryRun: false);
        return result.IsSuccess ? (JsonObject)result.Body : throw new InvalidOperationException(result.Body.ToJsonString());
    }

    public void Pause(string ns, string name) => SetPaused(ns, name, true);

    public void Resume(string ns, string name) => SetPaused(ns, name, false);

    /// <summary>New pods of the Deployment never become available; after its progress deadline the rollout fails.</summary>
    public void Stall(string ns, string name)
    {
        lock (_gate)
            _stalled.Add(Key(Deployments, ns, name));
    }

    public void Unstall(string ns, string name)
    {
        lock (_gate)
            _stalled.Remove(Key(Deployments, ns, name));
    }

    /// <summary>The controller ignores the Deployment (as if it were slow or down) until <see cref="Release"/>.</summary>
    public void Hold(string ns, string name)
    {
        lock (_gate)
            _held.Add(Key(Deployments, ns, name));
    }

    public void Release(string ns, string name)
    {
        lock (_gate)
            _held.Remove(Key(Deployments, ns, name));
    }

    /// <summary>Makes a stalled rollout's progress deadline pass now, instead of after <c>progressDeadlineSeconds</c>.</summary>
    public void ExpireProgressDeadline(string ns, string name)
    {
        lock (_gate)
            _deadlineExpired.Add(Key(Deployments, ns, name));
    }

    public JsonObject Deployment(string ns, string name)
    {
        var result = Get(Deployments, ns, name);
        return result.IsSuccess ? (JsonObject)result.Body : throw new InvalidOperationException($"No deployment {ns}/{name}.");
    }

    /// <summary>The ReplicaSets the Deployment owns, oldest revision first.</summary>
    public IReadOnlyList<JsonObject> ReplicaSetsOf(string ns, string name)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue(Key(Deployments, ns, name), out var deployment))
                return [];
            return [.. OwnedReplicaSets(deployment).OrderBy(Revision).Select(rs => (JsonObject)rs.DeepClone())];
        }
    }

    /// <summary>The Deployment's current revision (its <c>deployment.kubernetes.io/revision</c> annotation).</summary>
    public long RevisionOf(string ns, string name) => Revision(Deployment(ns, name));

    /// <summary>The image of the Deployment's first container.</summary>
    public string? ImageOf(string ns, string name) => Json.String(Deployment(ns, name)["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]);

    /// <summary>True when the rollout is complete as <c>kubectl rollout status</c> judges it.</summary>
    public bool IsRolledOut(string ns, string name)
    {
        var d = Deployment(ns, name);
        var status = d["status"];
        var desired = Json.Long(d["spec"]?["replicas"], 1);
        return Json.Long(status?["observedGeneration"]) >= Json.Long(d["metadata"]?["generation"]) &&
               Json.Long(status?["updatedReplicas"]) == desired && Json.Long(status?["replicas"]) == desired &&
               Json.Long(status?["availableReplicas"]) == desired;
    }

    private void SetPaused(string ns, string name, bool paused)
    {
        var result = UpdateDeployment(ns, name, deployment =>
        {
            deployment["spec"]!["paused"] = paused;
            return deployment;
        }, dryRun: false);
        if (!result.IsSuccess)
            throw new InvalidOperationException(result.Body.ToJsonString());
        Step();
    }
}
