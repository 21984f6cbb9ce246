namespace Remediation.Executor.Kubernetes.Models;

/// <summary>An apps/v1 ReplicaSet: one revision of a Deployment's pod template.</summary>
public sealed record ReplicaSet
{
    public ObjectMeta Metadata { get; init; } = new();

    public ReplicaSetSpec Spec { get; init; } = new();

    public long Revision => KubernetesNames.RevisionOf(Metadata);

    /// <summary>The revisions this ReplicaSet served before (a rollback to it gives it a new number and keeps the old ones here).</summary>
    public IReadOnlyList<long> FormerRevisions => KubernetesNames.RevisionHistoryOf(Metadata);

    public bool IsControlledBy(Deployment deployment) =>
        Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == deployment.Metadata.Uid) == true;
}
