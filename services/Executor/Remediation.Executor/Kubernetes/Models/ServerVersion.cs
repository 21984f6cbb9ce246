namespace Remediation.Executor.Kubernetes.Models;

/// <summary>What <c>/version</c> answers.</summary>
public sealed record ServerVersion
{
    public string Major { get; init; } = "";

    public string Minor { get; init; } = "";

    public string GitVersion { get; init; } = "";
}
