namespace Remediation.Testing.Kubernetes;

/// <summary>How the test API server runs.</summary>
public sealed record KubernetesApiServerOptions
{
    /// <summary>The bearer token it accepts (a random one when null).</summary>
    public string? Token { get; init; }

    /// <summary>Serve HTTPS with a throwaway CA (see <see cref="KubernetesApiServer.Certificates"/>) and accept its client certificates.</summary>
    public bool UseTls { get; init; }

    /// <summary>How often the deployment controller reconciles (each pass moves a rollout by one replica).</summary>
    public TimeSpan ControllerInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    public TimeProvider? TimeProvider { get; init; }
}
