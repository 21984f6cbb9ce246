using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Remediation.Policy.Parsing;

/// <summary>
/// One mapping of the policy file read with a fallback (a service's <c>rollback:</c> over the defaults' <c>rollback:</c>).
/// Every read is checked; every problem goes to the error list with the file, line and path; keys nobody read are errors.
/// </summary>
internal sealed class YamlSection
{
    private readonly YamlMappingNode? _node;
    private readonly YamlSection? _fallback;
    private readonly PolicyErrors _errors;
    private readonly string _path;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public YamlSection(YamlMappingNode? node, string path, PolicyErrors errors, YamlSection? fallback = null)
    {
        _node = node;
        _path = path;
        _errors = errors;
        _fallback = fallback;
    }

    public YamlMappingNode? Node => _node;

    public static YamlSection Empty(string path, PolicyErrors errors) => new(null, path, errors);

    /// <summary>A nested mapping, with the fallback's nested mapping of the same key behind it.</summary>
    public YamlSection Section(string key) => Section(key, _fallback?.Section(key));

    /// <summary>A nested mapping with an explicit fallback (a service's section over the defaults' section).</summary>
    public YamlSection Section(string key, YamlSection? fallback)
    {
        var node = Find(key);
        YamlMappingNode? mapping = null;
        if (node is YamlMappingNode m)
            mapping = m;
        else if (node is not null && !IsNull(node))
            _errors.Add(node, Child(key), "expected a mapping");

        return new YamlSection(mapping, Child(key), _errors, fallback);
    }

    public string? String(string key, bool required = false)
    {
        var (node, owner) = Locate(key);
        if (node is null || IsNull(node))
        {
            if (required)
                _errors.Add(_node, Child(key), "is required");
            return null;
        }

        if (node is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
            return scalar.Value.Trim();

        owner._errors.Add(node, owner.Child(key), "expected a non-empty string");
        return null;
    }

    public int Int(string key, int @default, int min, int max)
    {
        var (node, owner) = Locate(key);
        if (node is null || IsNull(node))
            return @default;

        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max)
                return value;
            owner._errors.Add(node, owner.Child(key), $"{value} is out of range ({min}..{max})");
            return @default;
        }

        owner._errors.Add(node, owner.Child(key), $"'{Text(node)}' is not a whole number");
        return @default;
    }

    public double? Double(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text } &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            return value;

        _errors.Add(node, path, $"'{Text(node)}' is not a number");
        return null;
    }

    public bool Bool(string key, bool @default)
    {
        var (node, owner) = Locate(key);
        if (node is null || IsNull(node))
            return @default;

        if (node is YamlScalarNode { Value: { } text } && bool.TryParse(text, out var value))
            return value;

        owner._errors.Add(node, owner.Child(key), $"'{Text(node)}' is not true or false");
        return @default;
    }

    public TimeSpan Duration(string key, TimeSpan @default, TimeSpan? min = null)
    {
        var (node, owner) = Locate(key);
        if (node is null || IsNull(node))
            return @default;

        if (node is YamlScalarNode { Value: { } text } && Policy.Duration.TryParse(text, out var value))
        {
            if (min is { } floor && value < floor)
            {
                owner._errors.Add(node, owner.Child(key), $"{text} is shorter than the minimum {Policy.Duration.Format(floor)}");
                return @default;
            }

            return value;
        }

        owner._errors.Add(node, owner.Child(key), $"'{Text(node)}' is not a duration (use 250ms, 30s, 5m, 1h30m)");
        return @default;
    }

    public TEnum Enum<TEnum>(string key, TEnum @default)
        where TEnum : struct, Enum
    {
        var (node, owner) = Locate(key);
        if (node is null || IsNull(node))
            return @default;

        if (node is YamlScalarNode { Value: { } text } && System.Enum.TryParse<TEnum>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value) &&
            System.Enum.IsDefined(value) && !int.TryParse(text, out _))
            return value;

        var allowed = string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        owner._errors.Add(node, owner.Child(key), $"'{Text(node)}' is not one of: {allowed}");
        return @default;
    }

    /// <summary>The entries of a nested mapping: this node's entries over the fallback's (per key).</summary>
    public IReadOnlyList<(string Key, YamlNode Value, string Path)> Entries(string key)
    {
        var result = new Dictionary<string, (string, YamlNode, string)>(StringComparer.Ordinal);
        foreach (var (entryKey, value, path) in _fallback?.Entries(key) ?? [])
            result[entryKey] = (entryKey, value, path);

        _known.Add(key);
        var node = _node is null ? null : Get(_node, key);
        if (node is YamlMappingNode mapping)
        {
            foreach (var (k, v) in mapping.Children)
            {
                if (k is YamlScalarNode { Value: { Length: > 0 } name })
                    result[name] = (name, v, Child(key) + "." + name);
                else
                    _errors.Add(k, Child(key), "keys must be non-empty strings");
            }
        }
        else if (node is not null && !IsNull(node))
        {
            _errors.Add(node, Child(key), "expected a mapping");
        }

        return [.. result.Values];
    }

    /// <summary>A sequence: this node's if it has one, else the fallback's.</summary>
    public YamlSequenceNode? Sequence(string key, out string path)
    {
        var (node, owner) = Locate(key);
        path = owner.Child(key);
        if (node is null || IsNull(node))
            return null;
        if (node is YamlSequenceNode sequence)
            return sequence;

        owner._errors.Add(node, path, "expected a list");
        return null;
    }

    /// <summary>A list of names, or a single name; null when absent.</summary>
    public IReadOnlyList<string>? Strings(string key)
    {
        var (node, owner) = Locate(key);
        var path = owner.Child(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode when IsNull(node):
                return null;
            case YamlScalarNode { Value: { Length: > 0 } single }:
                return [single];
            case YamlSequenceNode sequence:
                var names = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } name })
                        names.Add(name);
                    else
                        owner._errors.Add(item, path, "expected a name");
                }

                return names;
            default:
                owner._errors.Add(node, path, "expected a name or a list of names");
                return null;
        }
    }

    public bool Has(string key) => Locate(key).Node is { } node && !IsNull(node);

    /// <summary>Reports keys of this node (and of the fallback) that no reader asked for.</summary>
    public void RejectUnknownKeys(params string[] alsoKnown)
    {
        foreach (var k in alsoKnown)
            _known.Add(k);

        if (_node is not null)
        {
            foreach (var key in _node.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!_known.Contains(name))
                    _errors.Add(key, Child(name), $"unknown key (expected one of: {string.Join(", ", _known.Order(StringComparer.Ordinal))})");
            }
        }

        _fallback?.RejectUnknownKeys([.. _known]);
    }

    /// <summary>A mapping inside a list of this section, reporting to the same error list.</summary>
    public YamlSection Nested(YamlMappingNode node, string path) => new(node, path, _errors);

    public string Child(string key) => string.IsNullOrEmpty(_path) ? key : $"{_path}.{key}";

    public void Error(YamlNode? node, string path, string reason) => _errors.Add(node ?? _node, path, reason);

    private (YamlNode? Node, YamlSection Owner) Locate(string key)
    {
        _known.Add(key);
        var node = _node is null ? null : Get(_node, key);
        if (node is not null)
            return (node, this);
        return _fallback is null ? (null, this) : _fallback.Locate(key);
    }

    private YamlNode? Find(string key) => Locate(key).Node;

    private static YamlNode? Get(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" or "~" or "null", Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) };

    public static string Text(YamlNode node) => node is YamlScalarNode s ? s.Value ?? "" : node.NodeType.ToString().ToLowerInvariant();
}
