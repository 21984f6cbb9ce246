using YamlDotNet.RepresentationModel;

namespace Remediation.EndToEnd.Tests.Infrastructure;

/// <summary>Reading configuration files as YAML documents, by path of keys.</summary>
public static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(text))
            stream.Load(reader);
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    public static YamlMappingNode Document(string text) => Documents(text).Single();

    public static YamlNode? Find(this YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
                return null;
            node = child;
        }

        return node;
    }

    public static string? Scalar(this YamlNode node, params string[] path) => (node.Find(path) as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlNode> Sequence(this YamlNode node, params string[] path) =>
        node.Find(path) is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    public static IReadOnlyList<string> Scalars(this YamlNode node, params string[] path) =>
        [.. node.Sequence(path).OfType<YamlScalarNode>().Select(s => s.Value ?? "")];
}
