using System.Text.Json.Nodes;
using Remediation.Contracts.Signals;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels.Slack;

/// <summary>
/// Block Kit: a header, the summary, the reason as a quote, the facts as fields, the signals as context, and a
/// <c>text</c> fallback for notifications and clients that do not render blocks. Within Slack's limits (header 150
/// characters, section text 3000, 10 fields of 2000, 10 context elements).
/// </summary>
internal static class SlackMessage
{
    public static JsonObject Build(NotificationContent content, Severity severity)
    {
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = PlainText(TemplateText.Truncate($"{Emoji(content.Tone)} {content.Title}", 150)),
            },
            Section(content.Summary),
        };

        if (content.Reason is { Length: > 0 } reason)
            blocks.Add(Section(string.Join('\n', reason.Split('\n').Select(line => "> " + Escape(line))), escape: false));

        if (content.Facts.Count > 0)
        {
            var fields = new JsonArray();
            foreach (var fact in content.Facts.Take(10))
                fields.Add(Mrkdwn(TemplateText.Truncate($"*{Escape(fact.Label)}*\n{Escape(fact.Value)}", 2000)));
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }

        if (content.Signals.Count > 0)
        {
            var elements = new JsonArray();
            foreach (var signal in content.Signals.Take(10))
                elements.Add(Mrkdwn(Escape(TemplateText.Signal(signal))));
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = elements });
        }

        var footer = content.IncidentId is { } id
            ? $"Incident {id} · {severity.ToString().ToLowerInvariant()} · {TemplateText.Time(content.OccurredAt)}"
            : TemplateText.Time(content.OccurredAt);
        blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { Mrkdwn(Escape(footer)) } });

        var fallback = content.Reason is { Length: > 0 } r ? $"{content.Title}. {content.Summary} Why: {r}" : $"{content.Title}. {content.Summary}";
        return new JsonObject { ["text"] = TemplateText.Truncate(Escape(fallback), 3000), ["blocks"] = blocks };
    }

    /// <summary>Slack's mrkdwn treats &amp;, &lt; and &gt; as control characters.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject Section(string text, bool escape = true) =>
        new() { ["type"] = "section", ["text"] = Mrkdwn(TemplateText.Truncate(escape ? Escape(text) : text, 3000)) };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static string Emoji(Tone tone) => tone switch
    {
        Tone.Bad => ":red_circle:",
        Tone.Warning => ":large_orange_circle:",
        Tone.Good => ":large_green_circle:",
        _ => ":large_blue_circle:",
    };
}
