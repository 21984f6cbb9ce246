using System.Globalization;
using Microsoft.Extensions.Options;
using Remediation.Contracts.Signals;
using Remediation.Detector.Options;
using Remediation.Policy;

namespace Remediation.Detector.Ingestion;

/// <summary>
/// Maps a source's alert to (environment, service) and a signal through the configured label names, and judges it with the
/// policy's threshold and direction: the alert's own threshold wins, then the policy's; alerts say themselves whether they
/// fire, pushed values are compared with the threshold.
/// </summary>
public sealed class SignalMapper(IOptionsMonitor<DetectorOptions> options, IPolicyProvider policies)
{
    public bool TryMap(SourceAlert alert, out SignalReport? report, out Unmapped? unmapped)
    {
        report = null;
        unmapped = null;
        var mapping = options.CurrentValue.Mapping;
        var environment = First(alert.Labels, mapping.EnvironmentLabels) ?? mapping.DefaultEnvironment;
        var service = First(alert.Labels, mapping.ServiceLabels);
        if (string.IsNullOrWhiteSpace(service))
        {
            unmapped = new Unmapped(alert.Source, alert.AlertName, $"no service label ({string.Join(", ", mapping.ServiceLabels)})");
            return false;
        }

        if (string.IsNullOrWhiteSpace(environment))
        {
            unmapped = new Unmapped(alert.Source, alert.AlertName,
                $"service '{service}' has no environment label ({string.Join(", ", mapping.EnvironmentLabels)})");
            return false;
        }

        var policy = policies.Find(environment, service);
        if (policy is null)
        {
            unmapped = new Unmapped(alert.Source, alert.AlertName, $"{environment.Trim().ToLowerInvariant()}/{service.Trim().ToLowerInvariant()} is not a service in the policy");
            return false;
        }

        var signal = alert.Signal
            ?? (alert.Labels.TryGetValue(mapping.SignalLabel, out var labelled) && labelled.Length > 0 ? labelled : null)
            ?? (alert.AlertName is { } name && mapping.AlertNameSignals.TryGetValue(name, out var mapped) ? mapped : null)
            ?? alert.AlertName;
        if (string.IsNullOrWhiteSpace(signal))
        {
            unmapped = new Unmapped(alert.Source, alert.AlertName, $"no signal name (label '{mapping.SignalLabel}' or an alert name)");
            return false;
        }

        policy.Detection.Thresholds.TryGetValue(signal, out var configured);
        var threshold = alert.Threshold ?? configured?.Value;
        var direction = alert.Direction ?? configured?.Direction ?? ThresholdPolicy.DefaultDirectionFor(signal);
        bool breaching;
        if (alert.Firing is { } firing)
        {
            breaching = firing;
        }
        else
        {
            if (threshold is null)
            {
                unmapped = new Unmapped(alert.Source, signal, $"'{signal}' has no threshold (in the request or in the policy of {policy.Key})");
                return false;
            }

            if (alert.Value is not { } value)
            {
                unmapped = new Unmapped(alert.Source, signal, $"'{signal}' has no value");
                return false;
            }

            breaching = new ThresholdPolicy(threshold.Value, direction).IsBreachedBy(value);
        }

        var severity = alert.Severity
            ?? (alert.Labels.TryGetValue(mapping.SeverityLabel, out var s) ? ParseSeverity(s) : null)
            ?? Severity.Major;
        report = new SignalReport(policy.Key, new SignalObservation
        {
            Name = signal,
            Value = alert.Value,
            Threshold = threshold,
            Direction = direction,
            Unit = alert.Unit,
            Window = alert.Window,
            Source = alert.Source,
            Fingerprint = alert.Fingerprint,
            Link = alert.Link,
            ObservedAt = alert.ObservedAt,
        }, breaching, severity);
        return true;
    }

    /// <summary>Severity words that monitoring tools use, mapped to ours; anything else is unknown (null).</summary>
    public static Severity? ParseSeverity(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "critical" or "crit" or "page" or "p1" or "fatal" or "emergency" => Severity.Critical,
        "major" or "error" or "high" or "p2" => Severity.Major,
        "minor" or "warning" or "warn" or "info" or "low" or "p3" or "p4" or "p5" => Severity.Minor,
        _ => null,
    };

    /// <summary>Parses a number as monitoring tools write it (invariant culture; NaN and infinities are not values).</summary>
    public static double? ParseNumber(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    private static string? First(IReadOnlyDictionary<string, string> labels, List<string> names)
    {
        foreach (var name in names)
        {
            if (labels.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
                return value;
        }

        return null;
    }
}
