using System.Text.Json.Nodes;

namespace Remediation.Testing.Kubernetes.Cluster;

/// <summary>
/// A label selector as the API accepts it in <c>?labelSelector=</c>: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>,
/// <c>a notin (x)</c>, <c>a</c> and <c>!a</c>, comma-separated (all must hold).
/// </summary>
public sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    public static LabelSelector Everything { get; } = new();

    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text))
            return selector;

        foreach (var term in SplitTerms(text))
            selector._requirements.Add(ParseTerm(term.Trim()));
        return selector;
    }

    /// <summary>The selector of a Deployment's or ReplicaSet's <c>spec.selector</c>.</summary>
    public static LabelSelector FromObject(JsonNode? selector)
    {
        var result = new LabelSelector();
        if (selector?["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                var expected = value?.GetValue<string>();
                result._requirements.Add(labels => labels.TryGetValue(key, out var v) && v == expected);
            }
        }

        if (selector?["matchExpressions"] is JsonArray expressions)
        {
            foreach (var expression in expressions)
            {
                var key = expression?["key"]?.GetValue<string>() ?? "";
                var values = (expression?["values"] as JsonArray)?.Select(v => v?.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
                Func<IReadOnlyDictionary<string, string>, bool> requirement = expression?["operator"]?.GetValue<string>() switch
                {
                    "In" => labels => labels.TryGetValue(key, out var v) && values.Contains(v),
                    "NotIn" => labels => !labels.TryGetValue(key, out var v) || !values.Contains(v),
                    "Exists" => labels => labels.ContainsKey(key),
                    "DoesNotExist" => labels => !labels.ContainsKey(key),
                    var op => throw new FormatException($"'{op}' is not a valid label selector operator"),
                };
                result._requirements.Add(requirement);
            }
        }

        return result;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.TrueForAll(r => r(labels));

    public bool Matches(JsonNode? labels) => Matches(ToDictionary(labels));

    public static Dictionary<string, string> ToDictionary(JsonNode? labels) =>
        labels is JsonObject o
            ? o.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(')
                depth++;
            else if (text[i] == ')')
                depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term)
    {
        if (term.StartsWith('!'))
        {
            var absent = term[1..].Trim();
            return labels => !labels.ContainsKey(absent);
        }

        var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
        if (notEqual > 0)
        {
            var (key, value) = (term[..notEqual].Trim(), term[(notEqual + 2)..].Trim());
            return labels => !labels.TryGetValue(key, out var v) || v != value;
        }

        var equal = term.IndexOf('=', StringComparison.Ordinal);
        if (equal > 0)
        {
            var key = term[..equal].Trim();
            var value = term[(equal + (term.AsSpan(equal).StartsWith("==") ? 2 : 1))..].Trim();
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }

        var space = term.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            var key = term[..space].Trim();
            var rest = term[space..].Trim();
            var open = rest.IndexOf('(', StringComparison.Ordinal);
            var close = rest.LastIndexOf(')');
            if (open < 0 || close < open)
                throw new FormatException($"unable to parse requirement: '{term}'");
            var op = rest[..open].Trim();
            var values = rest[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            return op switch
            {
                "in" => labels => labels.TryGetValue(key, out var v) && values.Contains(v),
                "notin" => labels => !labels.TryGetValue(key, out var v) || !values.Contains(v),
                _ => throw new FormatException($"unable to parse requirement: '{term}'"),
            };
        }

        return labels => labels.ContainsKey(term);
    }
}
