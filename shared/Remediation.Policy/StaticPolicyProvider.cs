namespace Remediation.Policy;

/// <summary>A policy given in code or configuration text (tests, the standalone demo).</summary>
public sealed class StaticPolicyProvider(PolicyDocument document) : IPolicyProvider
{
    public PolicyDocument Current { get; } = document;

    public string? LastError => null;

    public static StaticPolicyProvider FromYaml(string yaml, string name = "(inline)") => new(Parsing.PolicyParser.Parse(yaml, name));
}
