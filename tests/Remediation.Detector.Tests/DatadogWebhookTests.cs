using System.Net;
using System.Text.Json.Nodes;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Signals;

namespace Remediation.Detector.Tests;

public sealed class DatadogWebhookTests
{
    private const string Path = "/api/v1/alerts/datadog";

    private static string Monitor(string transition, string cycleKey, string metric, string signal, string? value = null)
    {
        var hook = JsonNode.Parse(DetectorHost.Payload("datadog-triggered.json"))!;
        hook["alert_transition"] = transition;
        hook["alert_cycle_key"] = cycleKey;
        hook["alert_metric"] = metric;
        hook["tags"] = $"env:production,service:checkout,signal:{signal}";
        hook["value"] = value;
        return hook.ToJsonString();
    }

    [Fact]
    public async Task Two_triggered_monitors_detect_and_their_recoveries_clear_by_alert_cycle_key()
    {
        await using var host = await DetectorHost.StartAsync();

        await host.PostJsonAsync(Path, DetectorHost.Payload("datadog-triggered.json"));
        var second = await host.PostJsonAsync(Path, Monitor("Triggered", "99", "checkout.latency.p99", "latency_p99_ms", "5120"));

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var detected = Assert.Single(host.Published<AnomalyDetected>());
        var errorRate = detected.Signals.Single(s => s.Name == "error_rate");
        Assert.Equal((0.087, "datadog", "datadog:8264517366497128372"), (errorRate.Value!.Value, errorRate.Source, errorRate.Fingerprint!));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1746100803000), errorRate.ObservedAt);
        Assert.Equal(Severity.Critical, detected.Severity);

        await host.PostJsonAsync(Path, Monitor("Recovered", "8264517366497128372", "checkout.errors.rate", "error_rate"));
        Assert.Empty(host.Published<AnomalyCleared>());
        await host.PostJsonAsync(Path, Monitor("Recovered", "99", "checkout.latency.p99", "latency_p99_ms"));

        Assert.Equal(detected.AnomalyId, Assert.Single(host.Published<AnomalyCleared>()).AnomalyId);
    }

    [Fact]
    public async Task Re_triggered_and_renotify_transitions_of_the_same_cycle_are_duplicates()
    {
        await using var host = await DetectorHost.StartAsync();
        await host.PostJsonAsync(Path, DetectorHost.Payload("datadog-triggered.json"));

        var renotify = await host.PostJsonAsync(Path, Monitor("Renotify", "8264517366497128372", "checkout.errors.rate", "error_rate"));

        var body = JsonNode.Parse(await renotify.Content.ReadAsStringAsync())!;
        Assert.Equal(1, (int)body["duplicates"]!);
    }

    [Fact]
    public async Task Warn_and_no_data_transitions_are_accepted_and_change_nothing()
    {
        await using var host = await DetectorHost.StartAsync();

        var warn = await host.PostJsonAsync(Path, Monitor("Warn", "1", "checkout.errors.rate", "error_rate"));
        var noData = await host.PostJsonAsync(Path, Monitor("No Data", "1", "checkout.errors.rate", "error_rate"));

        Assert.Equal(HttpStatusCode.Accepted, warn.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, noData.StatusCode);
        Assert.Equal(0, (int)JsonNode.Parse(await warn.Content.ReadAsStringAsync())!["accepted"]!);
    }

    [Fact]
    public async Task The_metric_name_maps_to_a_signal_when_no_signal_tag_is_set()
    {
        await using var host = await DetectorHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Remediation:Detector:Mapping:AlertNameSignals:checkout.errors.rate"] = "error_rate",
        });
        var hook = JsonNode.Parse(DetectorHost.Payload("datadog-triggered.json"))!;
        hook["tags"] = "env:production,service:payments";
        hook["alert_scope"] = "env:production,service:payments";

        var response = await host.PostJsonAsync(Path, hook.ToJsonString());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var detected = Assert.Single(host.Published<AnomalyDetected>());
        Assert.Equal(("payments", "error_rate"), (detected.Service, detected.Signals[0].Name));
    }
}
