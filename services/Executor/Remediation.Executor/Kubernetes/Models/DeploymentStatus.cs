namespace Remediation.Executor.Kubernetes.Models;

public sealed record DeploymentStatus
{
    public long ObservedGeneration { get; init; }

    public int Replicas { get; init; }

    public int UpdatedReplicas { get; init; }

    public int ReadyReplicas { get; init; }

    public int AvailableReplicas { get; init; }

    public int UnavailableReplicas { get; init; }

    public List<DeploymentCondition>? Conditions { get; init; }

    public DeploymentCondition? Condition(string type) => Conditions?.FirstOrDefault(c => c.Type == type);
}
