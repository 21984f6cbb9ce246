using System.Globalization;
using Remediation.Contracts.Signals;

namespace Remediation.Postmortem.Events;

/// <summary>How numbers, signals, times and durations read in summaries and reports.</summary>
public static class Text
{
    public static string Number(double? value) =>
        value switch
        {
            null => "?",
            { } v when double.IsNaN(v) => "NaN",
            { } v when double.IsPositiveInfinity(v) => "+Inf",
            { } v when double.IsNegativeInfinity(v) => "-Inf",
            { } v when Math.Abs(v) >= 1000 => v.ToString("0.#", CultureInfo.InvariantCulture),
            { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
        };

    /// <summary>
    /// <c>error_rate 0.12 &gt; 0.05</c> while breaching, <c>error_rate 0.02 ≤ 0.05</c> once recovered: the value, how it
    /// compares with the threshold, the threshold, and the unit when it says more than "ratio".
    /// </summary>
    public static string Signal(SignalObservation signal)
    {
        var unit = string.IsNullOrWhiteSpace(signal.Unit) || signal.Unit == "ratio" || signal.Name.EndsWith("_" + signal.Unit, StringComparison.Ordinal)
            ? "" : $" {signal.Unit}";
        if (signal.Threshold is not { } threshold)
            return $"{signal.Name} {Number(signal.Value)}{unit}";
        var above = signal.Direction == SignalDirection.Above;
        var side = signal.Value is not { } value ? (above ? ">" : "<")
            : above ? (value > threshold ? ">" : "≤")
            : (value < threshold ? "<" : "≥");
        return $"{signal.Name} {Number(signal.Value)} {side} {Number(threshold)}{unit}";
    }

    public static string Signals(IEnumerable<SignalObservation> signals) => string.Join(", ", signals.Select(Signal));

    /// <summary><c>2024-05-02 10:04:10Z</c>: UTC, to the second.</summary>
    public static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>3m 10s</c>, <c>1h 2m</c>, <c>850ms</c>: what a person reads in a report.</summary>
    public static string Duration(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
            return "-" + Duration(value.Negate());
        if (value < TimeSpan.FromSeconds(1))
            return $"{(long)Math.Round(value.TotalMilliseconds)}ms";
        if (value < TimeSpan.FromSeconds(10) && value.Milliseconds != 0)
            return value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";

        var rounded = TimeSpan.FromSeconds(Math.Round(value.TotalSeconds));
        var parts = new List<string>();
        if (rounded.Days > 0) parts.Add($"{rounded.Days}d");
        if (rounded.Hours > 0) parts.Add($"{rounded.Hours}h");
        if (rounded.Minutes > 0 && rounded.Days == 0) parts.Add($"{rounded.Minutes}m");
        if (rounded.Seconds > 0 && rounded.TotalHours < 1) parts.Add($"{rounded.Seconds}s");
        return parts.Count == 0 ? "0s" : string.Join(' ', parts);
    }

    public static string Duration(TimeSpan? value) => value is { } v ? Duration(v) : "n/a";

    /// <summary>The first seven characters of a commit, as people quote them.</summary>
    public static string ShortCommit(string commit) => commit.Length > 7 && commit.All(Uri.IsHexDigit) ? commit[..7] : commit;
}
