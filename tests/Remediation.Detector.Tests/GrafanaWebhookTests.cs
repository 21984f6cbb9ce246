using System.Net;
using System.Text;
using System.Text.Json;
using Remediation.Contracts.Anomalies;
using Remediation.Security;

namespace Remediation.Detector.Tests;

public sealed class GrafanaWebhookTests
{
    private const string Path = "/api/v1/alerts/grafana";
    private const string Secret = "grafana-hmac-secret-0123456789";

    private static Task<DetectorHost> StartSignedAsync(string? timestampHeader = null) =>
        DetectorHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Remediation:Detector:Sources:Grafana:HmacSecret"] = Secret,
            ["Remediation:Detector:Sources:Grafana:TimestampHeader"] = timestampHeader,
        });

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();

    [Fact]
    public async Task Firing_contact_point_payload_publishes_AnomalyDetected_with_the_values_of_its_query()
    {
        await using var host = await DetectorHost.StartAsync();

        var response = await host.PostJsonAsync(Path, DetectorHost.Payload("grafana-firing.json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var detected = Assert.Single(host.Published<AnomalyDetected>());
        var errorRate = detected.Signals.Single(s => s.Name == "error_rate");
        Assert.Equal(0.0912, errorRate.Value);
        Assert.Equal("grafana", errorRate.Source);
        Assert.Equal("https://grafana.example.org/d/checkout?viewPanel=2", errorRate.Link);
        var quality = detected.Signals.Single(s => s.Name == "quality_score");
        Assert.Equal(0.61, quality.Value);
        Assert.Equal(Contracts.Signals.SignalDirection.Below, quality.Direction);
    }

    [Fact]
    public async Task Signature_over_the_body_is_verified()
    {
        await using var host = await StartSignedAsync();
        var body = DetectorHost.Payload("grafana-firing.json");
        var signature = HmacSignature.Compute(Secret, Encoding.UTF8.GetBytes(body));

        var response = await host.PostJsonAsync(Path, body, r => r.Headers.Add("X-Grafana-Alerting-Signature", signature));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(host.Published<AnomalyDetected>());
    }

    [Fact]
    public async Task Signature_over_timestamp_and_body_is_verified()
    {
        await using var host = await StartSignedAsync("X-Grafana-Alerting-Signature-Timestamp");
        var body = DetectorHost.Payload("grafana-firing.json");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = HmacSignature.Compute(Secret, Encoding.UTF8.GetBytes(body), timestamp);

        var response = await host.PostJsonAsync(Path, body, r =>
        {
            r.Headers.Add("X-Grafana-Alerting-Signature", signature);
            r.Headers.Add("X-Grafana-Alerting-Signature-Timestamp", timestamp);
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_signature_that_does_not_match_the_body_is_refused_and_publishes_nothing()
    {
        await using var host = await StartSignedAsync();
        var body = DetectorHost.Payload("grafana-firing.json");
        var signature = HmacSignature.Compute(Secret, Encoding.UTF8.GetBytes(body + " "));

        var response = await host.PostJsonAsync(Path, body, r => r.Headers.Add("X-Grafana-Alerting-Signature", signature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-invalid", await CodeOf(response));
        Assert.Empty(host.Published<AnomalyDetected>());
    }

    [Fact]
    public async Task A_missing_signature_is_refused()
    {
        await using var host = await StartSignedAsync();

        var response = await host.PostJsonAsync(Path, DetectorHost.Payload("grafana-firing.json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-missing", await CodeOf(response));
    }

    [Fact]
    public async Task A_signed_timestamp_outside_the_replay_window_is_refused()
    {
        await using var host = await StartSignedAsync("X-Grafana-Alerting-Signature-Timestamp");
        var body = DetectorHost.Payload("grafana-firing.json");
        var timestamp = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = HmacSignature.Compute(Secret, Encoding.UTF8.GetBytes(body), timestamp);

        var response = await host.PostJsonAsync(Path, body, r =>
        {
            r.Headers.Add("X-Grafana-Alerting-Signature", signature);
            r.Headers.Add("X-Grafana-Alerting-Signature-Timestamp", timestamp);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-expired", await CodeOf(response));
        Assert.Empty(host.Published<AnomalyDetected>());
    }

    [Fact]
    public async Task A_signature_still_needs_the_bearer_token()
    {
        await using var host = await StartSignedAsync();
        var body = DetectorHost.Payload("grafana-firing.json");
        var signature = HmacSignature.Compute(Secret, Encoding.UTF8.GetBytes(body));

        using var anonymous = host.CreateAnonymousClient();

        var response = await host.PostJsonAsync(Path, body, r => r.Headers.Add("X-Grafana-Alerting-Signature", signature), anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", await CodeOf(response));
    }
}
