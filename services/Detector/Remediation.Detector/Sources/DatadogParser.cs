using System.Text.Json;
using Remediation.Detector.Ingestion;
using Remediation.Detector.Options;

namespace Remediation.Detector.Sources;

/// <summary>
/// Reads Datadog's webhook (the payload template of docs/detector.md). <c>$ALERT_CYCLE_KEY</c> identifies the alert from
/// trigger to recovery, so a <c>Recovered</c> transition clears exactly the alert its trigger raised; <c>$TAGS</c> and
/// <c>$ALERT_SCOPE</c> (<c>key:value</c>, comma-separated) give the labels.
/// </summary>
internal static class DatadogParser
{
    public const string Source = "datadog";

    public static ParseOutcome Parse(ReadOnlySpan<byte> body, DetectorOptions options, DateTimeOffset now)
    {
        var hook = JsonBody.Read(body, DatadogJson.Default.DatadogWebhook, out var rejection);
        if (hook is null)
            return new ParseOutcome([], rejection);

        if (string.IsNullOrWhiteSpace(hook.AlertTransition))
            return ParseOutcome.Reject(ProblemCodes.MissingField, "'alert_transition' ($ALERT_TRANSITION) is missing.");
        var datadog = options.Sources.Datadog;
        var transition = hook.AlertTransition.Trim();
        bool firing;
        if (datadog.BreachTransitions.Contains(transition, StringComparer.OrdinalIgnoreCase))
            firing = true;
        else if (datadog.RecoveryTransitions.Contains(transition, StringComparer.OrdinalIgnoreCase))
            firing = false;
        else if (datadog.IgnoredTransitions.Contains(transition, StringComparer.OrdinalIgnoreCase))
            return new ParseOutcome([]);
        else
            return ParseOutcome.Reject(ProblemCodes.InvalidField,
                $"'alert_transition' '{transition}' is not a known transition ({string.Join(", ", datadog.BreachTransitions.Concat(datadog.RecoveryTransitions).Concat(datadog.IgnoredTransitions))}).");

        var identity = NonEmpty(hook.AlertCycleKey) ?? (NonEmpty(hook.AlertId) is { } id ? $"{id}/{hook.AlertScope}" : null);
        if (identity is null)
            return ParseOutcome.Reject(ProblemCodes.MissingField, "'alert_cycle_key' ($ALERT_CYCLE_KEY) or 'alert_id' ($ALERT_ID) is required to link a trigger to its recovery.");

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var list in new[] { hook.AlertScope, hook.Tags })
        {
            foreach (var tag in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var colon = tag.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                    labels.TryAdd(tag[..colon], tag[(colon + 1)..]);
            }
        }

        if (LabelLimits.Check(labels, "tags", options) is { } problem)
            return new ParseOutcome([], problem);
        if (!WireTime.TryParse(hook.Date ?? hook.LastUpdated, out var date))
            return ParseOutcome.Reject(ProblemCodes.InvalidField, $"'date' '{hook.Date}' is not an epoch time ($DATE, milliseconds).");
        if (!TryNumber(hook.Value, "value", out var value, out var bad) || !TryNumber(hook.Threshold, "threshold", out var threshold, out bad))
            return new ParseOutcome([], bad);

        var alert = new SourceAlert
        {
            Source = Source,
            Labels = labels,
            AlertName = NonEmpty(hook.AlertMetric) ?? NonEmpty(hook.AlertTitle),
            Firing = firing,
            Fingerprint = $"{Source}:{identity}",
            ObservedAt = date ?? now,
            Value = value,
            Threshold = threshold,
            Unit = NonEmpty(hook.Unit),
            Window = NonEmpty(hook.Window),
            Link = NonEmpty(hook.Link),
            Severity = SignalMapper.ParseSeverity(hook.AlertPriority),
        };
        return new ParseOutcome([alert]);
    }

    /// <summary>A number field that a template may fill as a string (<c>"0.12"</c>) or a number; empty is absent.</summary>
    internal static bool TryNumber(JsonElement? element, string name, out double? value, out Rejection? rejection)
    {
        value = null;
        rejection = null;
        if (element is not { } e || e.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            return true;
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var number) && double.IsFinite(number))
        {
            value = number;
            return true;
        }

        if (e.ValueKind == JsonValueKind.String)
        {
            var text = e.GetString();
            if (string.IsNullOrWhiteSpace(text))
                return true;
            value = SignalMapper.ParseNumber(text);
            if (value is not null)
                return true;
        }

        rejection = Rejection.BadRequest(ProblemCodes.InvalidField, $"'{name}' is {e.GetRawText()}; a number is expected.");
        return false;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
