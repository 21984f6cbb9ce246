namespace Remediation.Integration.Tests.Support;

/// <summary>The bearer tokens every service of a test installation accepts, one per role.</summary>
public static class Tokens
{
    public const string Ingest = "ingest-token-for-integration-0001";
    public const string Reader = "reader-token-for-integration-0001";
    public const string Operator = "operator-token-for-integration-01";

    /// <summary>The <c>Remediation:Auth</c> pairs: a monitoring sender (ingest), a dashboard (read), an operator (operator, read).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Configuration() =>
    [
        new("Remediation:Auth:Tokens:0:Name", "monitoring"),
        new("Remediation:Auth:Tokens:0:Token", Ingest),
        new("Remediation:Auth:Tokens:0:Roles:0", "ingest"),
        new("Remediation:Auth:Tokens:1:Name", "dashboard"),
        new("Remediation:Auth:Tokens:1:Token", Reader),
        new("Remediation:Auth:Tokens:1:Roles:0", "read"),
        new("Remediation:Auth:Tokens:2:Name", "alice"),
        new("Remediation:Auth:Tokens:2:Token", Operator),
        new("Remediation:Auth:Tokens:2:Roles:0", "operator"),
        new("Remediation:Auth:Tokens:2:Roles:1", "read"),
    ];
}
