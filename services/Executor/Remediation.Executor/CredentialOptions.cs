namespace Remediation.Executor;

/// <summary>An HTTP header that authenticates the executor to a target (for example <c>Authorization: Bearer ...</c>).</summary>
public sealed class CredentialOptions
{
    public string Header { get; set; } = "Authorization";

    public string Value { get; set; } = "";

    public override string ToString() => $"{Header}: (hidden)";
}
