using System.Globalization;

namespace Remediation.Detector.Sources;

/// <summary>Times as senders write them: RFC 3339 with up to nanoseconds (Go), Unix seconds or milliseconds (Datadog).</summary>
internal static class WireTime
{
    /// <summary>Parses a time; an absent or zero time (Go's <c>0001-01-01T00:00:00Z</c>) is null. False when it is not a time.</summary>
    public static bool TryParse(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;

        text = text.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number == 0)
                return true;
            value = number > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number);
            return true;
        }

        // .NET parses at most 7 fractional digits; Go writes up to 9.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
            if (end - dot - 1 > 7)
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        value = parsed.Year <= 1 ? null : parsed;
        return true;
    }
}
