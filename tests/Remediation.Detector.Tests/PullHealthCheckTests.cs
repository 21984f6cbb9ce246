using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Remediation.Contracts.Anomalies;
using Remediation.Testing;

namespace Remediation.Detector.Tests;

/// <summary>A real Prometheus scrapes an application; the detector's pull checks query it and detect, then clear.</summary>
public sealed class PullHealthCheckTests
{
    private const string Policy = """
        services:
          - name: checkout
            environment: production
            target: { driver: none }
            detection:
              quorum: 2
              flap_suppression: 0s
              thresholds: { error_rate: 0.05 }
              checks:
                - signal: error_rate
                  query: max(app_error_ratio)
                  interval: 200ms
                  consecutive_breaches: 2
                - signal: availability
                  query: min(app_healthy_ratio)
                  interval: 200ms
                  threshold: { below: 0.9 }
                  no_data: inconclusive
        """;

    [Fact]
    public async Task Breaching_checks_detect_and_healthy_checks_clear()
    {
        var metrics = new Metrics();
        await using var app = await StartApplicationAsync(metrics);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        await using var prometheus = await PrometheusProcess.StartAsync($"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: app
                static_configs:
                  - targets: ["{new Uri(address).Authority}"]
            """);
        await using var detector = await DetectorHost.StartAsync(Policy, settings: new Dictionary<string, string?>
        {
            ["Remediation:Detector:Prometheus:Url"] = prometheus.Url.ToString(),
            ["Remediation:Detector:Prometheus:Tick"] = "00:00:00.100",
        });

        metrics.Set(errorRatio: 0.2, healthyRatio: 0.5);
        await Eventually.UntilAsync(() => detector.Published<AnomalyDetected>().Count > 0, TimeSpan.FromSeconds(60),
            $"AnomalyDetected from the pull checks. Prometheus said: {prometheus.Output}");
        var detected = Assert.Single(detector.Published<AnomalyDetected>());
        Assert.Equal(["availability", "error_rate"], detected.Signals.Select(s => s.Name));
        Assert.All(detected.Signals, s => Assert.Equal("prometheus", s.Source));
        Assert.Equal(0.2, detected.Signals.Single(s => s.Name == "error_rate").Value);
        Assert.Equal(0.9, detected.Signals.Single(s => s.Name == "availability").Threshold);
        Assert.StartsWith(prometheus.Url.ToString().TrimEnd('/') + "/graph?g0.expr=", detected.Signals[0].Link, StringComparison.Ordinal);

        metrics.Set(errorRatio: 0.01, healthyRatio: 1);
        await Eventually.UntilAsync(() => detector.Published<AnomalyCleared>().Count > 0, TimeSpan.FromSeconds(60),
            "AnomalyCleared once the checks are healthy");
        Assert.Equal(detected.AnomalyId, detector.Published<AnomalyCleared>().Single().AnomalyId);
    }

    private static async Task<WebApplication> StartApplicationAsync(Metrics metrics)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/metrics", () => Results.Text(metrics.Exposition(), "text/plain; version=0.0.4"));
        await app.StartAsync();
        return app;
    }

    /// <summary>What the application exposes in Prometheus' text format.</summary>
    private sealed class Metrics
    {
        private double _error;
        private double _healthy = 1;

        public void Set(double errorRatio, double healthyRatio)
        {
            Volatile.Write(ref _error, errorRatio);
            Volatile.Write(ref _healthy, healthyRatio);
        }

        public string Exposition() => string.Create(CultureInfo.InvariantCulture, $"""
            # TYPE app_error_ratio gauge
            app_error_ratio{"{"}route="/pay"{"}"} {Volatile.Read(ref _error)}
            # TYPE app_healthy_ratio gauge
            app_healthy_ratio {Volatile.Read(ref _healthy)}

            """);
    }
}
