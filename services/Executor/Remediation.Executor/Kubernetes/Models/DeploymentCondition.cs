namespace Remediation.Executor.Kubernetes.Models;

public sealed record DeploymentCondition
{
    public string Type { get; init; } = "";

    public string Status { get; init; } = "";

    public string? Reason { get; init; }

    public string? Message { get; init; }

    public DateTimeOffset? LastUpdateTime { get; init; }
}
