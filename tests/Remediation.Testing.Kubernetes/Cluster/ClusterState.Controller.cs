using System.Globalization;
using System.Text.Json.Nodes;

namespace Remediation.Testing.Kubernetes.Cluster;

/// <summary>
/// The deployment controller, one reconcile pass at a time: the ReplicaSet whose template equals the Deployment's
/// (ignoring pod-template-hash) is reused and takes the next revision (its old number goes to revision-history), or a new
/// one is created; the rollout moves one replica per pass; <c>revisionHistoryLimit</c> prunes old ReplicaSets once complete;
/// the <c>Progressing</c> condition ends in <c>ProgressDeadlineExceeded</c> when a stalled rollout passes its deadline.
/// </summary>
public sealed partial class ClusterState
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    private const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    private const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    private static readonly HashSet<string> AnnotationsNotCopied = new(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration",
        RevisionAnnotation,
        RevisionHistoryAnnotation,
        DesiredReplicasAnnotation,
        MaxReplicasAnnotation,
        "deprecated.deployment.rollback.to",
    };

    private readonly HashSet<string> _stalled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deadlineExpired = new(StringComparer.Ordinal);

    /// <summary>One reconcile pass over every Deployment. Returns true when something changed.</summary>
    public bool Step()
    {
        lock (_gate)
        {
            var changed = false;
            foreach (var deployment in _objects.Where(p => p.Key.StartsWith(Deployments + "/", StringComparison.Ordinal)).Select(p => p.Value).ToList())
                changed |= Sync(deployment);
            return changed;
        }
    }

    /// <summary>Runs the controller until nothing changes (for test setup: a rollout that completes at once).</summary>
    public void Settle()
    {
        for (var i = 0; i < 1000 && Step(); i++)
        {
        }
    }

    private bool Sync(JsonObject current)
    {
        var ns = Json.String(current["metadata"]?["namespace"])!;
        var name = Json.String(current["metadata"]?["name"])!;
        var key = Key(Deployments, ns, name);
        if (_held.Contains(key))
            return false;

        var deployment = (JsonObject)current.DeepClone();
        var owned = OwnedReplicaSets(deployment).Select(rs => (Original: Json.Canonical(rs), Value: (JsonObject)rs.DeepClone())).ToList();
        var replicaSets = owned.Select(o => o.Value).ToList();
        var created = new List<JsonObject>();
        var spec = deployment["spec"]!;
        var status = Json.Object(deployment, "status");
        var desired = Json.Long(spec["replicas"], 1);
        var generation = Json.Long(deployment["metadata"]?["generation"], 1);
        status["observedGeneration"] = generation;

        if (Json.Bool(spec["paused"]))
        {
            SetCondition(status, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", progressed: false);
            return Commit(current, deployment, owned, created);
        }

        var maxRevision = replicaSets.Count == 0 ? 0 : replicaSets.Max(Revision);
        var newRs = replicaSets.FirstOrDefault(rs => Json.TemplatesEqualIgnoringHash(rs["spec"]?["template"], spec["template"]));
        var progressed = false;
        if (newRs is null)
        {
            newRs = NewReplicaSet(deployment, maxRevision + 1);
            created.Add(newRs);
            progressed = true;
        }
        else if (Revision(newRs) < maxRevision)
        {
            var annotations = Json.Object(Json.Object(newRs, "metadata"), "annotations");
            var history = Json.String(annotations[RevisionHistoryAnnotation]);
            var old = Revision(newRs).ToString(CultureInfo.InvariantCulture);
            annotations[RevisionHistoryAnnotation] = string.IsNullOrEmpty(history) ? old : $"{history},{old}";
            CopyAnnotations(deployment, newRs, maxRevision + 1);
            progressed = true;
        }

        var revision = Revision(newRs);
        Json.Object(Json.Object(deployment, "metadata"), "annotations")[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        var oldSets = replicaSets.Where(rs => !ReferenceEquals(rs, newRs)).ToList();
        var stalled = _stalled.Contains(key);
        var newReplicas = Json.Long(newRs["spec"]?["replicas"]);
        if (newReplicas < desired)
        {
            newRs["spec"]!["replicas"] = newReplicas + 1;
            progressed = true;
        }
        else if (newReplicas > desired)
        {
            newRs["spec"]!["replicas"] = desired;
            progressed = true;
        }
        else if (!stalled && oldSets.FirstOrDefault(rs => Json.Long(rs["spec"]?["replicas"]) > 0) is { } draining)
        {
            draining["spec"]!["replicas"] = Json.Long(draining["spec"]?["replicas"]) - 1;
            progressed = true;
        }

        foreach (var rs in replicaSets.Append(newRs).Distinct())
        {
            var count = Json.Long(rs["spec"]?["replicas"]);
            var rsStatus = Json.Object(rs, "status");
            rsStatus["replicas"] = count;
            rsStatus["fullyLabeledReplicas"] = count;
            rsStatus["readyReplicas"] = stalled && ReferenceEquals(rs, newRs) ? 0 : count;
            rsStatus["availableReplicas"] = stalled && ReferenceEquals(rs, newRs) ? 0 : count;
            rsStatus["observedGeneration"] = Json.Long(rs["metadata"]?["generation"], 1);
            Json.Prune(rsStatus);
        }

        var all = replicaSets.Append(newRs).Distinct().ToList();
        var total = all.Sum(rs => Json.Long(rs["status"]?["replicas"]));
        var updated = Json.Long(newRs["status"]?["replicas"]);
        var available = all.Sum(rs => Json.Long(rs["status"]?["availableReplicas"]));
        status["replicas"] = total;
        status["updatedReplicas"] = updated;
        status["readyReplicas"] = available;
        status["availableReplicas"] = available;
        status["unavailableReplicas"] = Math.Max(0, total - available);
        var minimum = desired - (long)Math.Floor(desired * 0.25);
        if (available >= minimum)
            SetCondition(status, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", progressed: false);
        else
            SetCondition(status, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", progressed: false);

        var rsName = Json.String(newRs["metadata"]?["name"]);
        var complete = updated == desired && total == desired && available == desired;
        if (complete)
        {
            SetCondition(status, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.", progressed: false);
            _deadlineExpired.Remove(key);
            Prune(oldSets, Json.Long(spec["revisionHistoryLimit"], 10), ns);
        }
        else if (progressed)
        {
            _deadlineExpired.Remove(key);
            SetCondition(status, "Progressing", "True", created.Count > 0 ? "NewReplicaSetCreated" : "ReplicaSetUpdated",
                created.Count > 0 ? $"Created new replica set \"{rsName}\"" : $"ReplicaSet \"{rsName}\" is progressing.", progressed: true);
        }
        else if (DeadlinePassed(status, spec, key))
        {
            SetCondition(status, "Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rsName}\" has timed out progressing.", progressed: false);
        }

        Json.Prune(status);
        return Commit(current, deployment, owned, created);
    }

    private bool DeadlinePassed(JsonObject status, JsonNode spec, string key)
    {
        if (_deadlineExpired.Contains(key))
            return true;
        var condition = (status["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Json.String(c["type"]) == "Progressing");
        if (condition is null || !DateTimeOffset.TryParse(Json.String(condition["lastUpdateTime"]), CultureInfo.InvariantCulture, out var last))
            return false;
        return _time.GetUtcNow() - last > TimeSpan.FromSeconds(Json.Long(spec["progressDeadlineSeconds"], 600));
    }

    private bool Commit(JsonObject current, JsonObject deployment, List<(string Original, JsonObject Value)> owned, List<JsonObject> created)
    {
        var changed = false;
        var ns = Json.String(deployment["metadata"]?["namespace"])!;
        foreach (var rs in created)
        {
            Write(ReplicaSets, ns, Json.String(rs["metadata"]?["name"])!, rs, "ADDED");
            changed = true;
        }

        foreach (var (original, value) in owned)
        {
            var rsName = Json.String(value["metadata"]?["name"])!;
            if (_objects.ContainsKey(Key(ReplicaSets, ns, rsName)) && Json.Canonical(value) != original)
            {
                Write(ReplicaSets, ns, rsName, value, "MODIFIED");
                changed = true;
            }
        }

        if (Json.Canonical(deployment) != Json.Canonical(current))
        {
            Write(Deployments, ns, Json.String(deployment["metadata"]?["name"])!, deployment, "MODIFIED");
            changed = true;
        }

        return changed;
    }

    private void Prune(List<JsonObject> oldSets, long limit, string ns)
    {
        var idle = oldSets.Where(rs => Json.Long(rs["spec"]?["replicas"]) == 0).OrderBy(Revision).ToList();
        foreach (var rs in idle.Take(Math.Max(0, idle.Count - (int)limit)))
            Delete(ReplicaSets, ns, Json.String(rs["metadata"]?["name"])!);
    }

    private List<JsonObject> OwnedReplicaSets(JsonObject deployment)
    {
        var ns = Json.String(deployment["metadata"]?["namespace"]);
        var uid = Json.String(deployment["metadata"]?["uid"]);
        return [.. _objects.Where(p => p.Key.StartsWith(ReplicaSets + "/" + ns + "/", StringComparison.Ordinal)).Select(p => p.Value)
            .Where(rs => (rs["metadata"]?["ownerReferences"] as JsonArray ?? []).Any(o => Json.String(o?["uid"]) == uid && Json.Bool(o?["controller"])))];
    }

    private void SetCondition(JsonObject status, string type, string value, string reason, string message, bool progressed)
    {
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => Json.String(c["type"]) == type);
        if (existing is not null && Json.String(existing["status"]) == value && Json.String(existing["reason"]) == reason &&
            Json.String(existing["message"]) == message && !progressed)
            return;

        var now = Now();
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = value,
            ["lastUpdateTime"] = now,
            ["lastTransitionTime"] = existing is not null && Json.String(existing["status"]) == value ? existing["lastTransitionTime"]?.DeepClone() : now,
            ["reason"] = reason,
            ["message"] = message,
        };
        if (existing is null)
            conditions.Add(condition);
        else
            conditions[conditions.IndexOf(existing)] = condition;
    }
}
