using YamlDotNet.RepresentationModel;

namespace Remediation.Policy.Parsing;

/// <summary>Collects the problems of one policy file, each once, in file order.</summary>
internal sealed class PolicyErrors(string file)
{
    private readonly List<PolicyError> _errors = [];
    private readonly HashSet<PolicyError> _seen = [];

    public string File { get; } = file;

    public IReadOnlyList<PolicyError> All =>
        [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];

    public bool Any => _errors.Count > 0;

    public void Add(YamlNode? node, string path, string reason)
    {
        var line = node is null ? 1 : (int)node.Start.Line;
        var column = node is null ? 1 : (int)node.Start.Column;
        var error = new PolicyError(File, line, column, path, reason);
        if (_seen.Add(error))
            _errors.Add(error);
    }
}
