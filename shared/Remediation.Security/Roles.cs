namespace Remediation.Security;

/// <summary>What a caller may do; each is also the name of an authorization policy.</summary>
public static class Roles
{
    /// <summary>Send signals and deployments (monitoring, CI/CD).</summary>
    public const string Ingest = "ingest";

    /// <summary>Approve, reject, roll back by hand, resume automation.</summary>
    public const string Operator = "operator";

    /// <summary>Read incidents, decisions and reports.</summary>
    public const string Reader = "read";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Ingest, Operator, Reader], StringComparer.Ordinal);
}
