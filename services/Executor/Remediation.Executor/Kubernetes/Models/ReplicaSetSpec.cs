using System.Text.Json.Nodes;

namespace Remediation.Executor.Kubernetes.Models;

public sealed record ReplicaSetSpec
{
    public int? Replicas { get; init; }

    public LabelSelector Selector { get; init; } = new();

    public JsonObject Template { get; init; } = [];
}
