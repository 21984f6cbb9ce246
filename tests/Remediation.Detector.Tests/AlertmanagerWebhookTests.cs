using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Signals;

namespace Remediation.Detector.Tests;

public sealed class AlertmanagerWebhookTests
{
    private const string Path = "/api/v1/alerts/alertmanager";

    [Fact]
    public async Task Firing_group_of_two_signals_publishes_one_AnomalyDetected_with_each_signal()
    {
        await using var host = await DetectorHost.StartAsync();

        var response = await host.PostJsonAsync(Path, DetectorHost.Payload("alertmanager-firing.json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var detected = Assert.Single(host.Published<AnomalyDetected>());
        Assert.Equal(("production", "checkout", 2, Severity.Critical), (detected.Environment, detected.Service, detected.Quorum, detected.Severity));
        var errorRate = detected.Signals.Single(s => s.Name == "error_rate");
        Assert.Equal(0.1234, errorRate.Value);
        Assert.Equal(0.05, errorRate.Threshold);
        Assert.Equal(SignalDirection.Above, errorRate.Direction);
        Assert.Equal("5m", errorRate.Window);
        Assert.Equal("ratio", errorRate.Unit);
        Assert.Equal("alertmanager", errorRate.Source);
        Assert.Equal("alertmanager:1a30ba71cca2921f", errorRate.Fingerprint);
        Assert.StartsWith("http://prometheus.example.org:9090/graph", errorRate.Link, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse("2025-05-01T10:00:03.7392668Z", System.Globalization.CultureInfo.InvariantCulture), errorRate.ObservedAt);
        var latency = detected.Signals.Single(s => s.Name == "latency_p99_ms");
        Assert.Equal(4210, latency.Value);
        Assert.Equal(3000, latency.Threshold);
        Assert.False(await host.Harness.Published.Any<MassTransit.Fault>());
    }

    [Fact]
    public async Task Re_sent_notifications_publish_nothing_new_and_answer_from_memory()
    {
        await using var host = await DetectorHost.StartAsync();
        await host.PostJsonAsync(Path, DetectorHost.Payload("alertmanager-firing.json"));

        var again = await host.PostJsonAsync(Path, DetectorHost.Payload("alertmanager-firing.json"));

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var body = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        Assert.Equal(2, (int)body["duplicates"]!);
        Assert.Equal(0, (int)body["new"]!);
        Assert.Single(host.Published<AnomalyDetected>());
    }

    [Fact]
    public async Task Resolved_notification_publishes_AnomalyCleared_for_the_same_anomaly()
    {
        await using var host = await DetectorHost.StartAsync();
        await host.PostJsonAsync(Path, DetectorHost.Payload("alertmanager-firing.json"));

        var response = await host.PostJsonAsync(Path, DetectorHost.Payload("alertmanager-resolved.json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var cleared = Assert.Single(host.Published<AnomalyCleared>());
        Assert.Equal(host.Published<AnomalyDetected>().Single().AnomalyId, cleared.AnomalyId);
        Assert.Equal(0.01, cleared.Signals.Single(s => s.Name == "error_rate").Value);
    }

    [Fact]
    public async Task Grouped_notification_of_many_alert_instances_counts_distinct_signals_and_reports_truncated_alerts()
    {
        await using var host = await DetectorHost.StartAsync();
        var webhook = JsonNode.Parse(DetectorHost.Payload("alertmanager-firing.json"))!.AsObject();
        var template = webhook["alerts"]![0]!.ToJsonString();
        var alerts = new JsonArray();
        for (var pod = 0; pod < 60; pod++)
        {
            var alert = JsonNode.Parse(template)!;
            alert["labels"]!["pod"] = $"checkout-{pod}";
            alert["fingerprint"] = $"{pod:x16}";
            alerts.Add(alert);
        }

        webhook["alerts"] = alerts;
        webhook["truncatedAlerts"] = 12;

        var response = await host.PostJsonAsync(Path, webhook.ToJsonString());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(60, (int)body["accepted"]!);
        Assert.Equal(12, (int)body["truncatedAlerts"]!);
        Assert.Empty(host.Published<AnomalyDetected>());
    }

    [Fact]
    public async Task Alerts_of_an_unknown_service_are_refused_with_422_naming_it_and_counted()
    {
        await using var host = await DetectorHost.StartAsync();
        var json = DetectorHost.Payload("alertmanager-firing.json").Replace("\"checkout\"", "\"billing\"", StringComparison.Ordinal);

        var response = await host.PostJsonAsync(Path, json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unknown-service", problem.GetProperty("code").GetString());
        Assert.Contains("production/billing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(host.Published<AnomalyDetected>());
    }

    [Fact]
    public async Task A_mix_of_known_and_unknown_services_accepts_the_known_and_lists_the_rest()
    {
        await using var host = await DetectorHost.StartAsync();
        var webhook = JsonNode.Parse(DetectorHost.Payload("alertmanager-firing.json"))!;
        webhook["alerts"]![1]!["labels"]!["service"] = "billing";

        var response = await host.PostJsonAsync(Path, webhook.ToJsonString());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(1, (int)body["accepted"]!);
        Assert.Contains("production/billing", body["unmapped"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_credentials_as_Alertmanager_sends_them_are_accepted()
    {
        await using var host = await DetectorHost.StartAsync();
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{DetectorHost.BasicUser}:{DetectorHost.BasicPassword}"));

        var response = await host.PostJsonAsync(Path, DetectorHost.Payload("alertmanager-firing.json"),
            r => r.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", basic));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
