using System.Globalization;
using System.Text.RegularExpressions;

namespace Remediation.Policy;

/// <summary>Durations as people write them in configuration: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>2d</c>.</summary>
public static partial class Duration
{
    [GeneratedRegex(@"^(?:(\d+)(ms|s|m|h|d))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
            return false;

        var match = Pattern().Match(text.Trim());
        if (!match.Success)
            return false;

        var total = TimeSpan.Zero;
        try
        {
            for (var i = 0; i < match.Groups[1].Captures.Count; i++)
            {
                if (!long.TryParse(match.Groups[1].Captures[i].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
                    return false;

                total += match.Groups[2].Captures[i].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds(amount),
                    "s" => TimeSpan.FromSeconds(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    "h" => TimeSpan.FromHours(amount),
                    _ => TimeSpan.FromDays(amount),
                };
            }
        }
        catch (OverflowException)
        {
            // Beyond TimeSpan's range (about 29,000 years): not a duration, and a Try method must not throw.
            return false;
        }

        value = total;
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a duration (use 250ms, 30s, 5m, 1h30m).");

    /// <summary>The shortest form that parses back to the same value, for messages and reports.</summary>
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            return "0s";
        if (value.TotalSeconds < 1 || value.Milliseconds != 0)
            return $"{(long)value.TotalMilliseconds}ms";

        var parts = new List<string>();
        if (value.Days > 0) parts.Add($"{value.Days}d");
        if (value.Hours > 0) parts.Add($"{value.Hours}h");
        if (value.Minutes > 0) parts.Add($"{value.Minutes}m");
        if (value.Seconds > 0) parts.Add($"{value.Seconds}s");
        return string.Concat(parts);
    }
}
