namespace Remediation.Policy;

/// <summary>One runbook action and its parameters.</summary>
public sealed record RunbookStep
{
    /// <summary><c>restart</c>, <c>scale</c>, <c>failover</c> or <c>notify</c>.</summary>
    public required string Action { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public static readonly IReadOnlySet<string> KnownActions = new HashSet<string>(["restart", "scale", "failover", "notify"], StringComparer.Ordinal);
}
