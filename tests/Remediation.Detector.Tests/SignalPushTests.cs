using System.Net;
using System.Text.Json.Nodes;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Signals;

namespace Remediation.Detector.Tests;

public sealed class SignalPushTests
{
    private const string Path = "/api/v1/signals";

    [Fact]
    public async Task A_batch_of_custom_metrics_is_judged_against_the_policy_thresholds()
    {
        await using var host = await DetectorHost.StartAsync();

        var response = await host.PostJsonAsync(Path, """
            { "signals": [
              { "service": "checkout", "environment": "production", "signal": "quality_score", "value": 0.62, "unit": "score", "timestamp": "2025-05-01T12:00:00Z", "window": "10m" },
              { "service": "checkout", "environment": "production", "signal": "toxic_output_rate", "value": "0.04", "threshold": 0.01, "unit": "ratio" },
              { "service": "checkout", "environment": "production", "signal": "error_rate", "value": 0.01 }
            ] }
            """);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var detected = Assert.Single(host.Published<AnomalyDetected>());
        Assert.Equal(["quality_score", "toxic_output_rate"], detected.Signals.Select(s => s.Name));
        var quality = detected.Signals[0];
        Assert.Equal((0.62, 0.75, SignalDirection.Below, "push", "10m"), (quality.Value!.Value, quality.Threshold!.Value, quality.Direction, quality.Source, quality.Window!));
    }

    [Fact]
    public async Task A_single_signal_and_then_its_healthy_value_clear_a_quorum_of_one()
    {
        await using var host = await DetectorHost.StartAsync();

        await host.PostJsonAsync(Path, """{ "service": "payments", "environment": "production", "signal": "error_rate", "value": 0.2 }""");
        var healthy = await host.PostJsonAsync(Path, """[{ "service": "payments", "environment": "production", "signal": "error_rate", "value": 0.001 }]""");

        Assert.Equal(HttpStatusCode.Accepted, healthy.StatusCode);
        Assert.Single(host.Published<AnomalyDetected>());
        Assert.Single(host.Published<AnomalyCleared>());
    }

    [Fact]
    public async Task A_signal_without_any_threshold_is_refused_with_422()
    {
        await using var host = await DetectorHost.StartAsync();

        var response = await host.PostJsonAsync(Path, """{ "service": "checkout", "environment": "production", "signal": "cpu", "value": 0.99 }""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("'cpu' has no threshold", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
