using System.Security.Cryptography.X509Certificates;

namespace Remediation.Executor.Kubernetes;

/// <summary>Everything needed to talk to one API server: where, who we are, and whom to trust.</summary>
public sealed record KubernetesConnection
{
    public required Uri Server { get; init; }

    /// <summary>The context's (or service account's) namespace, when it has one.</summary>
    public string? Namespace { get; init; }

    /// <summary>What this connection was built from (a kubeconfig context or the in-cluster service account), for messages.</summary>
    public required string Description { get; init; }

    public string? Token { get; init; }

    /// <summary>A token file read again when it changes (projected service account tokens rotate).</summary>
    public string? TokenFile { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The only authorities trusted for the server's certificate; empty means the system's.</summary>
    public X509Certificate2Collection Authorities { get; init; } = [];

    public bool Insecure { get; init; }

    public string? TlsServerName { get; init; }

    public override string ToString() => $"KubernetesConnection {{ {Description} at {Server} }}";
}
