namespace Remediation.Executor.Kubernetes.Models;

public sealed record LabelSelectorRequirement
{
    public string Key { get; init; } = "";

    public string Operator { get; init; } = "";

    public List<string>? Values { get; init; }
}
