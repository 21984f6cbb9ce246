namespace Remediation.Testing.Kubernetes.Cluster;

/// <summary>A Deployment to create in the test cluster: one container, labelled with its app and version.</summary>
public sealed record DeploymentSeed(string Namespace, string Name, string Image)
{
    public int Replicas { get; init; } = 2;

    /// <summary>The <c>app.kubernetes.io/version</c> label of the pod template (omitted when null).</summary>
    public string? Version { get; init; }

    public string Container { get; init; } = "app";

    public int RevisionHistoryLimit { get; init; } = 10;

    public int ProgressDeadlineSeconds { get; init; } = 600;

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}
