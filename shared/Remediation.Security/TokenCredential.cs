namespace Remediation.Security;

/// <summary>A bearer token with a name (logged instead of the token) and roles.</summary>
public sealed class TokenCredential
{
    public string Name { get; set; } = "";

    public string Token { get; set; } = "";

    /// <summary><see cref="Roles.Ingest"/>, <see cref="Roles.Operator"/>, <see cref="Roles.Reader"/>.</summary>
    public List<string> Roles { get; set; } = [];
}
