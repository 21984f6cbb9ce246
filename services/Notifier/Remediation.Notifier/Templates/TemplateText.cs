using System.Globalization;
using Remediation.Contracts.Signals;

namespace Remediation.Notifier.Templates;

/// <summary>Small formatting rules every template shares, so that signals, versions and times read the same everywhere.</summary>
public static class TemplateText
{
    /// <summary>"checkout (production)".</summary>
    public static string Subject(string environment, string service) => $"{service} ({environment})";

    /// <summary>"error_rate 0.12 &gt; 0.05 (alertmanager, 5m)": the value, the side of the threshold that breaches, the source.</summary>
    public static string Signal(SignalObservation signal)
    {
        var unit = signal.Unit is null or "ratio" ? "" : signal.Unit == "percent" ? "%" : " " + signal.Unit;
        var value = signal.Value is { } v ? Number(v) + unit : "firing";
        var comparison = signal.Threshold is { } t
            ? $" {(signal.Direction == SignalDirection.Above ? ">" : "<")} {Number(t)}{unit}"
            : "";
        var where = signal.Window is null ? signal.Source : $"{signal.Source}, {signal.Window}";
        return $"{signal.Name} {value}{comparison} ({where})";
    }

    public static string Signals(IReadOnlyList<SignalObservation> signals) => string.Join("; ", signals.Select(Signal));

    public static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "0.#" : "0.####", CultureInfo.InvariantCulture);

    /// <summary>"42 s", "3 min 5 s", "1 h 12 min".</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
            duration = TimeSpan.Zero;
        if (duration < TimeSpan.FromSeconds(1))
            return $"{duration.TotalMilliseconds:0} ms";
        if (duration < TimeSpan.FromMinutes(1))
            return $"{duration.TotalSeconds:0.#} s";
        if (duration < TimeSpan.FromHours(1))
            return duration.Seconds == 0 ? $"{duration.Minutes} min" : $"{duration.Minutes} min {duration.Seconds} s";
        return $"{(int)duration.TotalHours} h {duration.Minutes} min";
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"v2 → v1 → v0".</summary>
    public static string Chain(IEnumerable<string> versions) => string.Join(" → ", versions);

    /// <summary>Cuts a text to a channel's limit, marking the cut.</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Title, summary, reason, facts and signals as plain text: the fallback of chat messages and the body of tickets.</summary>
    public static string PlainText(NotificationContent content, bool includeTitle = true)
    {
        var lines = new List<string>();
        if (includeTitle)
            lines.Add(content.Title);
        lines.Add(content.Summary);
        if (content.Reason is { Length: > 0 } reason)
            lines.Add($"Why: \"{reason}\"");
        lines.AddRange(content.Facts.Select(f => $"{f.Label}: {f.Value}"));
        if (content.Signals.Count > 0)
        {
            lines.Add("Signals:");
            lines.AddRange(content.Signals.Select(s => "- " + Signal(s)));
        }

        return string.Join('\n', lines);
    }
}
