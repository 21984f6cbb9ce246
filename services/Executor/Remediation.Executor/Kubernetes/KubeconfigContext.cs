namespace Remediation.Executor.Kubernetes;

public sealed record KubeconfigContext
{
    public required string Cluster { get; init; }

    public required string User { get; init; }

    public string? Namespace { get; init; }
}
