using System.Diagnostics;
using System.Globalization;

namespace Remediation.Standalone.Demo;

/// <summary>
/// Plays Prometheus and Alertmanager for the demo: every second it sends a burst of real requests to the shop, measures
/// the error ratio and the p99 latency, and when an alert starts or stops it posts an Alertmanager webhook (payload
/// version 4, as Alertmanager sends it) to the detector.
/// </summary>
internal sealed class SimulatedMonitoring(HttpClient shop, HttpClient detector, string environment, string service, DemoLog log)
{
    public const double ErrorRateThreshold = 0.05;
    public const double LatencyThresholdMs = 500;

    private readonly Dictionary<string, bool> _firing = new(StringComparer.Ordinal) { ["error_rate"] = false, ["latency_p99_ms"] = false };

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (errorRate, p99) = await SampleAsync(40, cancellationToken);
            await UpdateAsync("error_rate", "HighErrorRate", errorRate, ErrorRateThreshold, cancellationToken);
            await UpdateAsync("latency_p99_ms", "HighLatency", p99, LatencyThresholdMs, cancellationToken);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<(double ErrorRate, double P99)> SampleAsync(int requests, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, requests).Select(async _ =>
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await shop.GetAsync("/checkout", cancellationToken);
                return (Failed: !response.IsSuccessStatusCode, Ms: watch.Elapsed.TotalMilliseconds);
            }
            catch (HttpRequestException)
            {
                return (Failed: true, Ms: watch.Elapsed.TotalMilliseconds);
            }
        }));
        var latencies = results.Select(r => r.Ms).Order().ToArray();
        var p99 = latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(latencies.Length * 0.99) - 1)];
        return (results.Count(r => r.Failed) / (double)results.Length, p99);
    }

    private async Task UpdateAsync(string signal, string alertName, double value, double threshold, CancellationToken cancellationToken)
    {
        var firing = value > threshold;
        if (firing == _firing[signal])
            return;

        _firing[signal] = firing;
        var status = firing ? "firing" : "resolved";
        log.Step("monitoring", $"{alertName} {status}: {signal} {Format(value)} (threshold {Format(threshold)})");
        var labels = new Dictionary<string, string>
        {
            ["alertname"] = alertName, ["service"] = service, ["environment"] = environment, ["signal"] = signal, ["severity"] = "critical",
        };
        var alert = new
        {
            status,
            labels,
            annotations = new Dictionary<string, string>
            {
                ["value"] = Format(value), ["threshold"] = Format(threshold), ["summary"] = $"{signal} of {service} is {Format(value)}",
            },
            startsAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            endsAt = firing ? "0001-01-01T00:00:00Z" : DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            generatorURL = $"http://monitoring.demo/graph?g0.expr={signal}",
            fingerprint = $"{alertName}-{service}".ToLowerInvariant(),
        };
        var payload = new
        {
            version = "4",
            groupKey = $"{{}}:{{alertname=\"{alertName}\"}}",
            truncatedAlerts = 0,
            status,
            receiver = "remediation",
            groupLabels = new Dictionary<string, string> { ["alertname"] = alertName },
            commonLabels = labels,
            commonAnnotations = new Dictionary<string, string>(),
            externalURL = "http://monitoring.demo",
            alerts = new[] { alert },
        };
        using var response = await detector.PostAsJsonAsync("/api/v1/alerts/alertmanager", payload, cancellationToken);
        if (!response.IsSuccessStatusCode)
            log.Step("monitoring", $"the detector answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
