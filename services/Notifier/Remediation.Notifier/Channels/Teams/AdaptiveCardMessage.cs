using System.Text.Json.Nodes;
using Remediation.Contracts.Signals;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels.Teams;

/// <summary>
/// <c>{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{AdaptiveCard}}]}</c>:
/// the title coloured by tone, the summary, the reason in an emphasised container, the facts in a FactSet, the signals.
/// </summary>
internal static class AdaptiveCardMessage
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static JsonObject Build(NotificationContent content, Severity severity)
    {
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = content.Title,
                ["weight"] = "Bolder",
                ["size"] = "Medium",
                ["color"] = Color(content.Tone),
                ["wrap"] = true,
            },
            Text(content.Summary),
        };

        if (content.Reason is { Length: > 0 } reason)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["style"] = "emphasis",
                ["items"] = new JsonArray { Text($"Why: \"{reason}\"") },
            });
        }

        if (content.Facts.Count > 0)
        {
            var facts = new JsonArray();
            foreach (var fact in content.Facts)
                facts.Add(new JsonObject { ["title"] = fact.Label, ["value"] = fact.Value });
            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        }

        if (content.Signals.Count > 0)
            body.Add(Text(string.Join('\n', content.Signals.Select(s => "- " + TemplateText.Signal(s)))));

        var footer = content.IncidentId is { } id
            ? $"Incident {id} · {severity.ToString().ToLowerInvariant()} · {TemplateText.Time(content.OccurredAt)}"
            : TemplateText.Time(content.OccurredAt);
        var context = Text(footer);
        context["isSubtle"] = true;
        context["size"] = "Small";
        body.Add(context);

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = ContentType,
                    ["contentUrl"] = null,
                    ["content"] = new JsonObject
                    {
                        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                        ["type"] = "AdaptiveCard",
                        ["version"] = "1.4",
                        ["body"] = body,
                        ["msteams"] = new JsonObject { ["width"] = "Full" },
                    },
                },
            },
        };
    }

    private static JsonObject Text(string text) => new() { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };

    private static string Color(Tone tone) => tone switch
    {
        Tone.Bad => "Attention",
        Tone.Warning => "Warning",
        Tone.Good => "Good",
        _ => "Default",
    };
}
