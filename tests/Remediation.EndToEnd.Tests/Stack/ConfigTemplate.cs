using System.Text.RegularExpressions;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>
/// The configuration templates under infra/ with their <c>${NAME}</c> placeholders filled in, as
/// infra/monitoring/render.sh does for the compose and local stacks: a placeholder without a value is an error.
/// </summary>
public static partial class ConfigTemplate
{
    public static string Render(string relativePath, IReadOnlyDictionary<string, string> values)
    {
        var text = File.ReadAllText(Repository.PathOf(relativePath));
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var rendered = Placeholder().Replace(text, m =>
        {
            if (values.TryGetValue(m.Groups[1].Value, out var value))
                return value;
            missing.Add(m.Groups[1].Value);
            return m.Value;
        });
        return missing.Count == 0
            ? rendered
            : throw new InvalidOperationException($"{relativePath} needs values for {string.Join(", ", missing)}.");
    }

    /// <summary>The names of the placeholders a template uses.</summary>
    public static IReadOnlySet<string> Placeholders(string relativePath) =>
        Placeholder().Matches(File.ReadAllText(Repository.PathOf(relativePath))).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
