using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Remediation.Shared.Tests.Containers;

/// <summary>docker-compose.yml with its <c>${VARIABLES}</c> taken from infra/compose.env.example and its merge keys resolved.</summary>
public sealed partial class ComposeFile
{
    private ComposeFile(string text, YamlMappingNode root, IReadOnlyDictionary<string, string> variables)
    {
        Text = text;
        Root = root;
        Variables = variables;
    }

    public string Text { get; }

    public YamlMappingNode Root { get; }

    public IReadOnlyDictionary<string, string> Variables { get; }

    public YamlMappingNode Services => (YamlMappingNode)Root["services"];

    public static ComposeFile Load()
    {
        var variables = File.ReadAllLines(RepositoryFiles.PathOf("infra/compose.env.example"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var text = File.ReadAllText(RepositoryFiles.PathOf("docker-compose.yml"));
        var substituted = Reference().Replace(text, m => variables.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"docker-compose.yml uses ${{{m.Groups[1].Value}}}, which infra/compose.env.example does not set."));

        var stream = new YamlStream();
        using (var reader = new StringReader(substituted))
            stream.Load(new MergingParser(new Parser(reader)));
        return new ComposeFile(text, (YamlMappingNode)stream.Documents[0].RootNode, variables);
    }

    /// <summary>The variables the file refers to.</summary>
    public IReadOnlySet<string> ReferencedVariables => Reference().Matches(Text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service) =>
        ((YamlMappingNode)service["environment"]).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!, StringComparer.Ordinal);

    public static string Scalar(YamlNode node, params string[] path)
    {
        foreach (var key in path)
            node = ((YamlMappingNode)node)[key];
        return ((YamlScalarNode)node).Value!;
    }

    public static IReadOnlyList<string> Sequence(YamlNode node, params string[] path)
    {
        foreach (var key in path)
            node = ((YamlMappingNode)node)[key];
        return [.. ((YamlSequenceNode)node).Children.Select(c => ((YamlScalarNode)c).Value!)];
    }

    // $$ escapes a dollar sign for Compose; such text is not a variable.
    [GeneratedRegex(@"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?-][^}]*)?\}")]
    private static partial Regex Reference();
}
