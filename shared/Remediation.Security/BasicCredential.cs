namespace Remediation.Security;

/// <summary>A basic-auth user and roles.</summary>
public sealed class BasicCredential
{
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public List<string> Roles { get; set; } = [];
}
