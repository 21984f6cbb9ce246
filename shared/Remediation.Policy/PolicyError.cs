namespace Remediation.Policy;

/// <summary>One problem in a policy file, with where it is.</summary>
public sealed record PolicyError(string File, int Line, int Column, string Path, string Reason)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Path}: {Reason}";
}
