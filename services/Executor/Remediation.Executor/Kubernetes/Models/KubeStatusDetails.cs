namespace Remediation.Executor.Kubernetes.Models;

public sealed record KubeStatusDetails
{
    public string? Name { get; init; }

    public string? Kind { get; init; }

    public int? RetryAfterSeconds { get; init; }
}
