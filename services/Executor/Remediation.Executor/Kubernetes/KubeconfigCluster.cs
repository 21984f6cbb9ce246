namespace Remediation.Executor.Kubernetes;

public sealed record KubeconfigCluster
{
    public required string Server { get; init; }

    /// <summary>A CA bundle file (PEM).</summary>
    public string? CertificateAuthority { get; init; }

    /// <summary>A CA bundle, base64 of PEM.</summary>
    public string? CertificateAuthorityData { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    public string? TlsServerName { get; init; }
}
