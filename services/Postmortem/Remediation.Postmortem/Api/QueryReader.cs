using System.Globalization;
using Microsoft.AspNetCore.Http;
using Remediation.Security;

namespace Remediation.Postmortem.Api;

/// <summary>
/// Reads query parameters and collects what is wrong with them, so that a request is answered with a 400 that names the
/// parameter (and a stable <c>code</c>) instead of being half-understood.
/// </summary>
internal sealed class QueryReader
{
    private readonly IQueryCollection _query;
    private readonly List<(string Parameter, string Code, string Detail)> _problems = [];

    public QueryReader(IQueryCollection query, params string[] allowed)
    {
        _query = query;
        foreach (var key in query.Keys.Where(k => !allowed.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
            _problems.Add((key, "unknown-parameter", $"'{key}' is not a parameter here (use {string.Join(", ", allowed)})."));
    }

    /// <summary>The first problem as a 400 problem+json naming the parameter, or null when the query is fine.</summary>
    public IResult? Problem =>
        _problems.Count == 0 ? null
            : Problems.Result(StatusCodes.Status400BadRequest, _problems[0].Code, _problems[0].Detail,
                new Dictionary<string, object?> { ["parameter"] = _problems[0].Parameter });

    public string? String(string name)
    {
        var raw = Single(name);
        if (raw is null)
            return null;
        if (string.IsNullOrWhiteSpace(raw))
            return Fail<string>(name, "must not be empty");
        return raw.Trim();
    }

    /// <summary>An ISO 8601 time (<c>2024-05-02T10:00:00Z</c>); without an offset it is UTC.</summary>
    public DateTimeOffset? Time(string name)
    {
        var raw = Single(name);
        if (raw is null)
            return null;

        // A '+' in a query string decodes to a space, so an offset like "+02:00" arrives as " 02:00".
        var text = raw.Trim();
        if (text.Length > 6 && text[^6] == ' ')
            text = $"{text[..^6]}+{text[^5..]}";
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value;

        _problems.Add((name, "invalid-parameter", $"{name}: '{raw}' is not an ISO 8601 time such as 2024-05-02T10:00:00Z."));
        return null;
    }

    public int Int(string name, int defaultValue, int min, int max)
    {
        var raw = Single(name);
        if (raw is null)
            return defaultValue;
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;

        _problems.Add((name, "invalid-parameter", $"{name}: '{raw}' is not a whole number from {min} to {max}."));
        return defaultValue;
    }

    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, Enum
    {
        var raw = Single(name);
        if (raw is null)
            return null;
        if (!raw.All(char.IsAsciiLetter) || !System.Enum.TryParse<TEnum>(raw, ignoreCase: true, out var value))
        {
            var names = System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant());
            _problems.Add((name, "invalid-parameter", $"{name}: '{raw}' is not one of {string.Join(", ", names)}."));
            return null;
        }

        return value;
    }

    /// <summary>Adds a problem found by the caller (for example a range whose start is after its end).</summary>
    public void Fail(string name, string detail) => _problems.Add((name, "invalid-parameter", $"{name}: {detail}."));

    private T? Fail<T>(string name, string detail)
        where T : class
    {
        Fail(name, detail);
        return null;
    }

    private string? Single(string name)
    {
        if (!_query.TryGetValue(name, out var values))
            return null;
        if (values.Count > 1)
        {
            _problems.Add((name, "invalid-parameter", $"{name}: given {values.Count} times; give it once."));
            return null;
        }

        return values[0];
    }
}
