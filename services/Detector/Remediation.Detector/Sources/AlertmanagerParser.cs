using Remediation.Contracts.Signals;
using Remediation.Detector.Ingestion;
using Remediation.Detector.Options;

namespace Remediation.Detector.Sources;

/// <summary>
/// Reads Alertmanager's webhook (version 4) and Grafana alerting's webhook (version 1, the same shape with values) into
/// <see cref="SourceAlert"/>s: every alert with its own status, labels, annotations, fingerprint, startsAt/endsAt and
/// generator URL; group fields are checked, <c>truncatedAlerts</c> is reported.
/// </summary>
internal static class AlertmanagerParser
{
    public const string Alertmanager = "alertmanager";
    public const string Grafana = "grafana";

    public static ParseOutcome Parse(ReadOnlySpan<byte> body, string source, DetectorOptions options, DateTimeOffset now)
    {
        var webhook = JsonBody.Read(body, DetectorJson.Default.AlertmanagerWebhook, out var rejection);
        if (webhook is null)
            return new ParseOutcome([], rejection);

        var expected = source == Grafana ? "1" : "4";
        if (webhook.Version is null)
            return ParseOutcome.Reject(ProblemCodes.MissingField, $"'version' is missing; the {source} webhook payload version {expected} is expected.");
        if (webhook.Version != expected)
            return ParseOutcome.Reject(ProblemCodes.UnsupportedVersion, $"Payload version '{webhook.Version}' is not supported; the {source} webhook payload version {expected} is expected.");
        if (webhook.Alerts is null)
            return ParseOutcome.Reject(ProblemCodes.MissingField, "'alerts' is missing.");
        if (webhook.Alerts.Count == 0)
            return ParseOutcome.Reject(ProblemCodes.NoAlerts, "'alerts' is empty: nothing to ingest.");
        if (webhook.Alerts.Count > options.MaxAlertsPerRequest)
            return ParseOutcome.Reject(ProblemCodes.TooManyAlerts, $"{webhook.Alerts.Count} alerts in one request; at most {options.MaxAlertsPerRequest} are accepted (set max_alerts on the receiver).");
        if (webhook.TruncatedAlerts is < 0)
            return ParseOutcome.Reject(ProblemCodes.InvalidField, "'truncatedAlerts' is negative.");

        foreach (var (labels, name) in new[] { (webhook.GroupLabels, "groupLabels"), (webhook.CommonLabels, "commonLabels"), (webhook.CommonAnnotations, "commonAnnotations") })
        {
            if (LabelLimits.Check(labels, name, options) is { } problem)
                return new ParseOutcome([], problem);
        }

        var alerts = new List<SourceAlert>(webhook.Alerts.Count);
        for (var i = 0; i < webhook.Alerts.Count; i++)
        {
            var at = $"alerts[{i}]";
            if (webhook.Alerts[i] is not { } alert)
                return ParseOutcome.Reject(ProblemCodes.InvalidField, $"{at} is null.");
            if (alert.Status is null)
                return ParseOutcome.Reject(ProblemCodes.MissingField, $"{at}.status is missing ('firing' or 'resolved').");
            if (alert.Status is not ("firing" or "resolved"))
                return ParseOutcome.Reject(ProblemCodes.InvalidField, $"{at}.status is '{alert.Status}'; 'firing' or 'resolved' is expected.");
            if (alert.Labels is null || alert.Labels.Count == 0)
                return ParseOutcome.Reject(ProblemCodes.MissingField, $"{at}.labels is missing or empty.");
            if ((LabelLimits.Check(alert.Labels, $"{at}.labels", options) ?? LabelLimits.Check(alert.Annotations, $"{at}.annotations", options)) is { } problem)
                return new ParseOutcome([], problem);
            if (!WireTime.TryParse(alert.StartsAt, out var startsAt))
                return ParseOutcome.Reject(ProblemCodes.InvalidField, $"{at}.startsAt '{alert.StartsAt}' is not an RFC 3339 time.");
            if (!WireTime.TryParse(alert.EndsAt, out var endsAt))
                return ParseOutcome.Reject(ProblemCodes.InvalidField, $"{at}.endsAt '{alert.EndsAt}' is not an RFC 3339 time.");

            var firing = alert.Status == "firing";
            alerts.Add(ToSourceAlert(alert, source, firing, (firing ? startsAt : endsAt) ?? now, options));
        }

        return new ParseOutcome(alerts, null, webhook.TruncatedAlerts ?? 0);
    }

    private static SourceAlert ToSourceAlert(AlertmanagerAlert alert, string source, bool firing, DateTimeOffset observedAt, DetectorOptions options)
    {
        var annotations = alert.Annotations ?? [];
        var labels = alert.Labels!;
        var am = options.Sources.Alertmanager;
        var value = annotations.TryGetValue(am.ValueAnnotation, out var v) ? SignalMapper.ParseNumber(v) : null;
        if (value is null && source == Grafana && alert.Values is { Count: > 0 } values)
        {
            value = options.Sources.Grafana.ValueVariables.Select(name => values.GetValueOrDefault(name)).FirstOrDefault(x => x is not null)
                ?? (values.Count == 1 ? values.Values.First() : null);
        }

        var link = alert.GeneratorUrl;
        if (source == Grafana)
            link = NonEmpty(alert.PanelUrl) ?? NonEmpty(alert.DashboardUrl) ?? link;

        return new SourceAlert
        {
            Source = source,
            Labels = labels,
            AlertName = labels.GetValueOrDefault("alertname"),
            Firing = firing,
            Fingerprint = $"{source}:{NonEmpty(alert.Fingerprint) ?? Fingerprints.FromLabels(labels)}",
            ObservedAt = observedAt,
            Value = value,
            Threshold = annotations.TryGetValue(am.ThresholdAnnotation, out var t) ? SignalMapper.ParseNumber(t) : null,
            Direction = annotations.TryGetValue("direction", out var d) ? ParseDirection(d) : null,
            Unit = NonEmpty(annotations.GetValueOrDefault("unit")) ?? NonEmpty(labels.GetValueOrDefault("unit")),
            Window = NonEmpty(annotations.GetValueOrDefault("window")) ?? NonEmpty(labels.GetValueOrDefault("window")),
            Link = NonEmpty(link),
        };
    }

    public static SignalDirection? ParseDirection(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "above" or ">" or "gt" => SignalDirection.Above,
        "below" or "<" or "lt" => SignalDirection.Below,
        _ => null,
    };

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
