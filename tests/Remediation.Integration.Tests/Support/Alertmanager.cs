using System.Globalization;
using System.Text.Json;

namespace Remediation.Integration.Tests.Support;

/// <summary>
/// Alertmanager webhook payloads (version 4) as Alertmanager posts them for a service: two alerts, the error rate and the
/// p99 latency, carrying the labels the detector maps (<c>service</c>, <c>environment</c>, <c>signal</c>, <c>severity</c>)
/// and the observed value as an annotation. Two independent signals meet the detector's default quorum of 2.
/// </summary>
public sealed class Alertmanager(string environment, string service)
{
    public const string Path = "/api/v1/alerts/alertmanager";

    private readonly DateTimeOffset _startsAt = DateTimeOffset.UtcNow.AddSeconds(-30);

    public string Firing() => Payload("firing", null);

    public string Resolved() => Payload("resolved", DateTimeOffset.UtcNow);

    private string Payload(string status, DateTimeOffset? endsAt)
    {
        object Alert(string name, string signal, string value, string threshold) => new Dictionary<string, object>
        {
            ["status"] = status,
            ["labels"] = new Dictionary<string, string>
            {
                ["alertname"] = name, ["service"] = service, ["environment"] = environment, ["signal"] = signal, ["severity"] = "critical",
            },
            ["annotations"] = new Dictionary<string, string> { ["value"] = value, ["threshold"] = threshold, ["summary"] = $"{signal} of {service} is {value}" },
            ["startsAt"] = Time(_startsAt),
            ["endsAt"] = endsAt is { } e ? Time(e) : "0001-01-01T00:00:00Z",
            ["generatorURL"] = $"http://prometheus.test/graph?g0.expr={signal}",
            ["fingerprint"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes($"{environment}/{service}/{name}")))[..16],
        };

        var labels = new Dictionary<string, string> { ["environment"] = environment, ["service"] = service };
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["version"] = "4",
            ["groupKey"] = $"{{}}:{{environment=\"{environment}\", service=\"{service}\"}}",
            ["truncatedAlerts"] = 0,
            ["status"] = status,
            ["receiver"] = "remediation",
            ["groupLabels"] = labels,
            ["commonLabels"] = labels,
            ["commonAnnotations"] = new Dictionary<string, string>(),
            ["externalURL"] = "http://alertmanager.test",
            ["alerts"] = new[]
            {
                Alert($"{service}HighErrorRate", "error_rate", "0.31", "0.05"),
                Alert($"{service}HighLatency", "latency_p99_ms", "4200", "3000"),
            },
        });
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
