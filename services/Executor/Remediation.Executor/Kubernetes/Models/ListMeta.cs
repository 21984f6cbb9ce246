namespace Remediation.Executor.Kubernetes.Models;

public sealed record ListMeta
{
    public string? ResourceVersion { get; init; }

    public string? Continue { get; init; }
}
