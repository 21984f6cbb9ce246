namespace Remediation.Executor.Kubernetes.Models;

/// <summary>The <c>Status</c> object the API answers failures with.</summary>
public sealed record KubeStatus
{
    public string? Kind { get; init; }

    public string? Status { get; init; }

    public string? Message { get; init; }

    public string? Reason { get; init; }

    public int Code { get; init; }

    public KubeStatusDetails? Details { get; init; }
}
