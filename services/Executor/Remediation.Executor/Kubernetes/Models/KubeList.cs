namespace Remediation.Executor.Kubernetes.Models;

/// <summary>A list answer (<c>DeploymentList</c>, <c>ReplicaSetList</c>).</summary>
public sealed record KubeList<T>
{
    public ListMeta Metadata { get; init; } = new();

    public List<T> Items { get; init; } = [];
}
