using System.Text.Json;
using Remediation.Detector.Ingestion;
using Remediation.Detector.Options;

namespace Remediation.Detector.Sources;

/// <summary>
/// Reads the generic signal push: one object, <c>{ "signals": [...] }</c>, or an array. Each signal names its service,
/// environment, signal and value; the detector compares the value with the threshold (the request's, else the policy's).
/// </summary>
internal static class PushParser
{
    public const string Source = "push";

    public static ParseOutcome Parse(ReadOnlySpan<byte> body, DetectorOptions options, DateTimeOffset now)
    {
        List<PushedSignal?>? signals;
        var first = FirstToken(body);
        if (first == (byte)'[')
        {
            signals = JsonBody.Read(body, DetectorJson.Default.ListPushedSignal, out var rejection);
            if (signals is null)
                return new ParseOutcome([], rejection);
        }
        else
        {
            // One signal or a batch: look at the object's keys once to tell which.
            if (IsBatch(body))
            {
                var batch = JsonBody.Read(body, DetectorJson.Default.PushedSignalBatch, out var rejection);
                if (batch is null)
                    return new ParseOutcome([], rejection);
                if (batch.Signals is null)
                    return ParseOutcome.Reject(ProblemCodes.MissingField, "'signals' is null.");
                signals = batch.Signals;
            }
            else
            {
                var one = JsonBody.Read(body, DetectorJson.Default.PushedSignal, out var rejection);
                if (one is null)
                    return new ParseOutcome([], rejection);
                signals = [one];
            }
        }

        if (signals.Count == 0)
            return ParseOutcome.Reject(ProblemCodes.NoAlerts, "No signals in the request.");
        if (signals.Count > options.MaxAlertsPerRequest)
            return ParseOutcome.Reject(ProblemCodes.TooManyAlerts, $"{signals.Count} signals in one request; at most {options.MaxAlertsPerRequest} are accepted.");

        var alerts = new List<SourceAlert>(signals.Count);
        for (var i = 0; i < signals.Count; i++)
        {
            var at = signals.Count == 1 && first != (byte)'[' ? "" : $"signals[{i}].";
            if (signals[i] is not { } s)
                return ParseOutcome.Reject(ProblemCodes.InvalidField, $"{at.TrimEnd('.')} is null.");
            foreach (var (value, name) in new[] { (s.Service, "service"), (s.Environment, "environment"), (s.Signal, "signal") })
            {
                if (string.IsNullOrWhiteSpace(value))
                    return ParseOutcome.Reject(ProblemCodes.MissingField, $"'{at}{name}' is missing.");
                if (value.Length > options.MaxLabelValueLength)
                    return ParseOutcome.Reject(ProblemCodes.LabelTooLarge, $"'{at}{name}' is {value.Length} characters long; at most {options.MaxLabelValueLength} are accepted.");
            }

            if (s.Value is null || s.Value.Value.ValueKind == JsonValueKind.Null)
                return ParseOutcome.Reject(ProblemCodes.MissingField, $"'{at}value' is missing.");
            if (!DatadogParser.TryNumber(s.Value, $"{at}value", out var number, out var bad) ||
                !DatadogParser.TryNumber(s.Threshold, $"{at}threshold", out var threshold, out bad))
                return new ParseOutcome([], bad);
            if (number is null)
                return ParseOutcome.Reject(ProblemCodes.MissingField, $"'{at}value' is empty.");
            var direction = AlertmanagerParser.ParseDirection(s.Direction);
            if (s.Direction is not null && direction is null)
                return ParseOutcome.Reject(ProblemCodes.InvalidField, $"'{at}direction' is '{s.Direction}'; 'above' or 'below' is expected.");
            if (!WireTime.TryParse(s.Timestamp, out var timestamp))
                return ParseOutcome.Reject(ProblemCodes.InvalidField, $"'{at}timestamp' '{s.Timestamp}' is not a time (RFC 3339 or Unix seconds/milliseconds).");

            var source = string.IsNullOrWhiteSpace(s.Source) ? Source : s.Source.Trim();
            alerts.Add(new SourceAlert
            {
                Source = Source,
                Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["service"] = s.Service!, ["environment"] = s.Environment! },
                Signal = s.Signal!.Trim(),
                Firing = null,
                Fingerprint = $"{Source}:{source}:{s.Signal!.Trim()}",
                ObservedAt = timestamp ?? now,
                Value = number,
                Threshold = threshold,
                Direction = direction,
                Unit = s.Unit,
                Window = s.Window,
                Link = s.Link,
                Severity = SignalMapper.ParseSeverity(s.Severity),
            });
        }

        return new ParseOutcome(alerts);
    }

    private static byte FirstToken(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
                return b;
        }

        return 0;
    }

    private static bool IsBatch(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("signals"u8))
                    return true;
                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // The real parse reports it with its position.
        }

        return false;
    }
}
