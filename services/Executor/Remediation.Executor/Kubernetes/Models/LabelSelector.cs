using System.Text;

namespace Remediation.Executor.Kubernetes.Models;

/// <summary>A <c>spec.selector</c>; <see cref="ToQuery"/> writes it as the <c>labelSelector</c> query kubectl sends.</summary>
public sealed record LabelSelector
{
    public Dictionary<string, string>? MatchLabels { get; init; }

    public List<LabelSelectorRequirement>? MatchExpressions { get; init; }

    public string ToQuery()
    {
        var terms = new List<string>();
        foreach (var (key, value) in (MatchLabels ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
            terms.Add($"{key}={value}");
        foreach (var requirement in MatchExpressions ?? [])
        {
            var values = string.Join(",", (requirement.Values ?? []).Order(StringComparer.Ordinal));
            terms.Add(requirement.Operator switch
            {
                "In" => $"{requirement.Key} in ({values})",
                "NotIn" => $"{requirement.Key} notin ({values})",
                "Exists" => requirement.Key,
                "DoesNotExist" => $"!{requirement.Key}",
                _ => throw new InvalidOperationException($"'{requirement.Operator}' is not a label selector operator."),
            });
        }

        return new StringBuilder().AppendJoin(',', terms).ToString();
    }
}
