using Microsoft.Extensions.DependencyInjection;
using Remediation.Contracts.Incidents;
using Remediation.Postmortem.Prometheus;
using Remediation.Postmortem.Reports;
using Remediation.Testing;
using static Remediation.Postmortem.Tests.Scenarios;

namespace Remediation.Postmortem.Tests;

/// <summary>The report's range queries against a real Prometheus (Debian's /usr/bin/prometheus) scraping itself every second.</summary>
public sealed class RealPrometheusTests : IAsyncLifetime
{
    private PrometheusProcess _prometheus = null!;

    // Its port is known once it runs: it starts without targets and is given itself to scrape right after.
    public async Task InitializeAsync()
    {
        _prometheus = await PrometheusProcess.StartAsync("global: { scrape_interval: 1s, evaluation_interval: 1s }\n");
        await _prometheus.WriteFileAsync("prometheus.yml", $$"""
            global: { scrape_interval: 1s, evaluation_interval: 1s }
            scrape_configs:
              - job_name: prometheus
                static_configs: [{ targets: ['127.0.0.1:{{_prometheus.Port}}'] }]
            """);
        await _prometheus.ReloadAsync();
    }

    public async Task DisposeAsync() => await _prometheus.DisposeAsync();

    [Fact]
    public async Task Report_has_figures_from_a_real_Prometheus_before_during_and_after_the_incident()
    {
        // Prometheus scrapes itself: 'up' is 1 at every scrape.
        await using var services = await PostmortemServices.StartAsync(new Dictionary<string, string?>
        {
            ["Remediation:Postmortem:Prometheus:Url"] = _prometheus.Url.ToString(),
            ["Remediation:Postmortem:Prometheus:Queries:error_rate"] = "up{job=\"prometheus\"}",
            ["Remediation:Postmortem:Prometheus:Before"] = "00:01:00",
            ["Remediation:Postmortem:Prometheus:After"] = "00:01:00",
        });
        var client = services.Services.GetRequiredService<PrometheusClient>();
        var samples = await Eventually.UntilAsync(
            async () => (await client.QueryRangeAsync("up{job=\"prometheus\"}", DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1),
                CancellationToken.None)).SelectMany(s => s.Samples).Count(),
            count => count >= 6, TimeSpan.FromSeconds(60), "six seconds of 'up' samples in Prometheus");

        // An incident over the last seconds: deployed 3 s ago, detected 2 s ago, resolved 1 s ago.
        var now = DateTimeOffset.UtcNow;
        var ids = new Ids();
        var opened = Opened(ids) with
        {
            SuspectDeployment = Opened(ids).SuspectDeployment! with { DeployedAt = now.AddSeconds(-3) },
            DetectedAt = now.AddSeconds(-2), OpenedAt = now.AddSeconds(-2), OccurredAt = now.AddSeconds(-2),
        };
        await services.RecordAllAsync(
        [
            Deployment(ids.DeployV2, "v2", now.AddSeconds(-3)),
            opened,
            new IncidentResolved
            {
                IncidentId = ids.Incident, Environment = "production", Service = "checkout", Resolution = "cleared", ResolvedAt = now.AddSeconds(-1),
                OccurredAt = now.AddSeconds(-1),
            },
        ]);

        var (_, stored) = await services.Queries.ReportAsync(ids.Incident, CancellationToken.None);
        var report = ReportJson.Deserialize(stored!.Json);
        var up = Assert.Single(Assert.Single(report.Metrics.Signals, s => s.Signal == "error_rate").Prometheus);
        Assert.Contains("job=\"prometheus\"", up.Series, StringComparison.Ordinal);
        Assert.Equal((1.0, 1.0), (up.Before!.Value, up.Worst!.Value));
        Assert.True(up.Samples >= 4, $"{samples} samples in Prometheus, {up.Samples} in the report's range");
        Assert.DoesNotContain(report.Metrics.Notes, n => n.StartsWith("error_rate", StringComparison.Ordinal));
    }
}
