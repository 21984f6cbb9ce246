namespace Remediation.Security;

/// <summary>
/// Who may call the HTTP endpoints. Bound from <c>Remediation:Auth</c>; secrets belong in environment variables or a
/// secret store (for example <c>Remediation__Auth__Tokens__0__Token</c>), never in files committed with the code.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Remediation:Auth";

    /// <summary>Bearer tokens and what each may do.</summary>
    public List<TokenCredential> Tokens { get; set; } = [];

    /// <summary>Basic-auth users (for senders that only speak basic auth, such as some Alertmanager set-ups).</summary>
    public List<BasicCredential> Users { get; set; } = [];
}
