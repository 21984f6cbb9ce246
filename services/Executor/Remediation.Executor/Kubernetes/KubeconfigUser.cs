namespace Remediation.Executor.Kubernetes;

public sealed record KubeconfigUser
{
    public string? Token { get; init; }

    public string? TokenFile { get; init; }

    public string? ClientCertificate { get; init; }

    public string? ClientCertificateData { get; init; }

    public string? ClientKey { get; init; }

    public string? ClientKeyData { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>An exec credential plugin, which the executor does not run (it would run arbitrary programs).</summary>
    public bool HasExec { get; init; }

    public bool HasAuthProvider { get; init; }

    public override string ToString() => "KubeconfigUser { credentials hidden }";
}
