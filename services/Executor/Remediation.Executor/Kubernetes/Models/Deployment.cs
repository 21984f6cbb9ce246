namespace Remediation.Executor.Kubernetes.Models;

/// <summary>An apps/v1 Deployment as the executor reads it; the pod template stays raw JSON so that nothing is lost.</summary>
public sealed record Deployment
{
    public ObjectMeta Metadata { get; init; } = new();

    public DeploymentSpec Spec { get; init; } = new();

    public DeploymentStatus Status { get; init; } = new();

    public long Revision => KubernetesNames.RevisionOf(Metadata);
}
