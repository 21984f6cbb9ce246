using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Remediation.Executor.Drivers.Webhook;

/// <summary>
/// The body sent to a CD system: the target's <c>template</c> with <c>{{placeholder}}</c>s replaced by JSON-escaped values
/// (so a reason with quotes cannot break out of its string), or a default document when the target has no template.
/// </summary>
public static partial class WebhookTemplate
{
    public static readonly IReadOnlyList<string> Placeholders =
        ["service", "environment", "from_version", "to_version", "to_revision", "to_image", "request_id", "incident_id", "reason", "action", "requested_by"];

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    public static string Render(string? template, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (string.IsNullOrWhiteSpace(template))
            return Default(values);

        var body = Placeholder().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (!Placeholders.Contains(name))
                throw new ExecutorFailureException(FailureCodes.Configuration, $"The webhook template uses {{{{{name}}}}}, which is not a placeholder ({string.Join(", ", Placeholders)}).");
            return JsonEncodedText.Encode(values.GetValueOrDefault(name) ?? "", JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        });

        try
        {
            using var _ = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new ExecutorFailureException(FailureCodes.Configuration, $"The webhook template does not make valid JSON once filled in: {ex.Message}");
        }

        return body;
    }

    private static string Default(IReadOnlyDictionary<string, string?> values)
    {
        var body = new JsonObject { ["event"] = values.GetValueOrDefault("action") is { Length: > 0 } ? "remediation" : "rollback" };
        foreach (var name in Placeholders)
        {
            if (values.GetValueOrDefault(name) is { Length: > 0 } value)
                body[name] = value;
        }

        return body.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
