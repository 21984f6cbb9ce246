using System.Globalization;
using System.Text;
using Remediation.Contracts.Anomalies;
using Remediation.Testing;

namespace Remediation.Detector.Tests;

/// <summary>A real Alertmanager receives alerts on its API and delivers its webhook to the detector, which detects and clears.</summary>
public sealed class RealAlertmanagerTests
{
    private static string Alerts(DateTimeOffset startsAt, DateTimeOffset? endsAt)
    {
        var end = endsAt is { } e ? $", \"endsAt\": \"{e.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}\"" : "";
        var start = startsAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        return $$"""
            [
              { "labels": { "alertname": "CheckoutHighErrorRate", "service": "checkout", "environment": "production", "signal": "error_rate", "severity": "critical" },
                "annotations": { "summary": "Error rate above 5%", "value": "0.23", "threshold": "0.05" },
                "startsAt": "{{start}}"{{end}}, "generatorURL": "http://prometheus.local/graph?g0.expr=error_rate" },
              { "labels": { "alertname": "CheckoutSlow", "service": "checkout", "environment": "production", "severity": "critical" },
                "annotations": { "summary": "p99 above 3s", "value": "5100" },
                "startsAt": "{{start}}"{{end}}, "generatorURL": "http://prometheus.local/graph?g0.expr=latency" }
            ]
            """;
    }

    [Fact]
    public async Task Alertmanager_delivers_its_webhook_and_the_detector_detects_then_clears()
    {
        await using var detector = await DetectorHost.StartAsync(kestrel: true);
        await using var alertmanager = await AlertmanagerProcess.StartAsync($"""
            route:
              receiver: remediation
              group_by: [environment, service]
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: remediation
                webhook_configs:
                  - url: {new Uri(detector.BaseAddress, "/api/v1/alerts/alertmanager")}
                    send_resolved: true
                    max_alerts: 0
                    http_config:
                      authorization:
                        type: Bearer
                        credentials: {DetectorHost.IngestToken}
            """);
        using var client = new HttpClient { BaseAddress = alertmanager.Url };
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(-30);

        var posted = await client.PostAsync(new Uri("/api/v2/alerts", UriKind.Relative), new StringContent(Alerts(startsAt, null), Encoding.UTF8, "application/json"));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

        await Eventually.UntilAsync(() => detector.Published<AnomalyDetected>().Count > 0, TimeSpan.FromSeconds(60),
            $"AnomalyDetected after Alertmanager's webhook. Alertmanager said: {alertmanager.Output}");
        var detected = Assert.Single(detector.Published<AnomalyDetected>());
        Assert.Equal(["error_rate", "latency_p99_ms"], detected.Signals.Select(s => s.Name));
        Assert.Equal(0.23, detected.Signals[0].Value);
        Assert.All(detected.Signals, s => Assert.StartsWith("alertmanager:", s.Fingerprint, StringComparison.Ordinal));

        var resolved = await client.PostAsync(new Uri("/api/v2/alerts", UriKind.Relative),
            new StringContent(Alerts(startsAt, DateTimeOffset.UtcNow.AddSeconds(-1)), Encoding.UTF8, "application/json"));
        Assert.True(resolved.IsSuccessStatusCode);

        await Eventually.UntilAsync(() => detector.Published<AnomalyCleared>().Count > 0, TimeSpan.FromSeconds(60),
            $"AnomalyCleared after Alertmanager's resolved webhook. Alertmanager said: {alertmanager.Output}");
        Assert.Equal(detected.AnomalyId, Assert.Single(detector.Published<AnomalyCleared>()).AnomalyId);
        Assert.Single(detector.Published<AnomalyDetected>());
    }
}
