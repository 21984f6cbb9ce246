using Microsoft.Extensions.Configuration;

namespace Remediation.Testing;

/// <summary>
/// Configuration for a host under test, merged from the fixtures' pairs (a virtual host's <c>Remediation:Messaging:*</c>,
/// a database's <c>Remediation:Persistence:*</c>) and the test's own; a later pair replaces an earlier one with the same key.
/// </summary>
public sealed class TestConfiguration
{
    private readonly Dictionary<string, string?> _pairs = new(StringComparer.OrdinalIgnoreCase);

    public static TestConfiguration Create() => new();

    public IReadOnlyDictionary<string, string?> Pairs => _pairs;

    public TestConfiguration Add(IEnumerable<KeyValuePair<string, string?>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var (key, value) in pairs)
            _pairs[key] = value;
        return this;
    }

    public TestConfiguration Add(string key, string? value)
    {
        _pairs[key] = value;
        return this;
    }

    public IConfigurationRoot Build() => new ConfigurationBuilder().AddInMemoryCollection(_pairs).Build();
}
