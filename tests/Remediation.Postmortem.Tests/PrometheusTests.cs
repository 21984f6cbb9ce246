using Microsoft.Extensions.DependencyInjection;
using Remediation.Postmortem.Prometheus;
using Remediation.Postmortem.Reports;
using static Remediation.Postmortem.Tests.Scenarios;

namespace Remediation.Postmortem.Tests;

/// <summary>Range queries against a local server that answers like Prometheus' <c>/api/v1/query_range</c>.</summary>
public sealed class PrometheusTests : IAsyncLifetime
{
    private FakePrometheus _prometheus = null!;

    public async Task InitializeAsync() => _prometheus = await FakePrometheus.StartAsync();

    public async Task DisposeAsync() => await _prometheus.DisposeAsync();

    private Task<PostmortemServices> StartAsync(params (string Key, string? Value)[] settings) =>
        PostmortemServices.StartAsync(new Dictionary<string, string?>(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))
        {
            ["Remediation:Postmortem:Prometheus:Url"] = _prometheus.Url,
        });

    /// <summary>error_rate: 0.01 before the deploy at T0, 0.12 until the resolution at T0+15m10s, 0.015 after; a NaN gap at T0-5m.</summary>
    private static double ErrorRateAt(DateTimeOffset t) =>
        t == T0.AddMinutes(-5) ? double.NaN : t < T0 ? 0.01 : t <= At(15, 10) ? 0.12 : 0.015;

    [Fact]
    public async Task Range_query_is_sent_as_a_form_and_its_matrix_read_with_labels_and_special_values()
    {
        _prometheus.Series = _ => [(new Dictionary<string, string> { ["job"] = "checkout", ["code"] = "500" }, t => t < T0 ? double.PositiveInfinity : 0.5)];
        await using var services = await StartAsync(("Remediation:Postmortem:Prometheus:BearerToken", "prometheus-proxy-token"));
        var client = services.Services.GetRequiredService<PrometheusClient>();

        var series = await client.QueryRangeAsync("sum(rate(errors_total[1m])) by (job, code)", T0.AddMinutes(-1), T0.AddMinutes(1), TimeSpan.FromSeconds(30), CancellationToken.None);

        var request = Assert.Single(_prometheus.Requests);
        Assert.Equal(("sum(rate(errors_total[1m])) by (job, code)", T0.ToUnixTimeSeconds() - 60.0, T0.ToUnixTimeSeconds() + 60.0, 30.0, "POST"),
            (request.Query, request.Start, request.End, request.Step, request.Method));
        Assert.Equal("Bearer prometheus-proxy-token", request.Authorization);
        var only = Assert.Single(series);
        Assert.Equal("{code=\"500\",job=\"checkout\"}", only.LabelText);
        Assert.Equal(5, only.Samples.Count);
        Assert.Equal(new MetricSample(T0.AddMinutes(-1), double.PositiveInfinity), only.Samples[0]);
        Assert.Equal(new MetricSample(T0, 0.5), only.Samples[2]);
    }

    [Fact]
    public async Task Prometheus_error_answer_becomes_an_exception_with_its_type_and_message()
    {
        await using var services = await StartAsync();
        var client = services.Services.GetRequiredService<PrometheusClient>();

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() =>
            client.QueryRangeAsync("sum(rate(errors_total[1m])", T0, T0.AddMinutes(1), TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal("Prometheus answered 400 bad_data: invalid parameter \"query\": 1:27: parse error: unclosed left parenthesis", error.Message);
    }

    [Fact]
    public async Task Too_many_points_is_refused_as_Prometheus_refuses_it()
    {
        await using var services = await StartAsync();
        var client = services.Services.GetRequiredService<PrometheusClient>();

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() =>
            client.QueryRangeAsync("up", T0, T0.AddDays(1), TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Contains("exceeded maximum resolution of 11,000 points", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_of_a_resolved_incident_has_Prometheus_figures_before_during_and_after()
    {
        _prometheus.Series = query => query.Contains("http_requests_total", StringComparison.Ordinal)
            ? [(new Dictionary<string, string>(), ErrorRateAt)]
            : [];
        await using var services = await StartAsync(("Remediation:Postmortem:Prometheus:Queries:latency_p99_ms", "histogram_quantile(0.99, sum(rate(latency_bucket{service=\"$service\",env=\"$environment\"}[1m])) by (le))"));
        var ids = new Ids();

        await services.RecordAllAsync(Fallback(ids));

        var (_, stored) = await services.Queries.ReportAsync(ids.Incident, CancellationToken.None);
        var report = ReportJson.Deserialize(stored!.Json);
        var errors = Assert.Single(Assert.Single(report.Metrics.Signals, s => s.Signal == "error_rate").Prometheus);
        Assert.Equal((0.01, 0.12, 0.015), (Math.Round(errors.Before!.Value, 9), Math.Round(errors.Worst!.Value, 9), Math.Round(errors.After!.Value, 9)));
        // 30 minutes before the deploy to 30 minutes after the resolution, about 120 points: a 38 s step.
        Assert.Equal((T0.AddMinutes(-30), At(45, 10), TimeSpan.FromSeconds(38)), (errors.From, errors.To, errors.Step));
        Assert.Equal(["latency_p99_ms: the query returned no series in the range."], report.Metrics.Notes);
        Assert.Contains(_prometheus.Requests, r => r.Query == "histogram_quantile(0.99, sum(rate(latency_bucket{service=\"checkout\",env=\"production\"}[1m])) by (le))");
        Assert.Contains("| error_rate | ", stored.Markdown, StringComparison.Ordinal);
        Assert.Contains("From Prometheus (2024-05-02 09:30:00Z to 2024-05-02 10:45:10Z, step 38s", stored.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_that_does_not_answer_in_time_leaves_a_note_and_the_report_is_written()
    {
        _prometheus.Hangs = _ => true;
        await using var services = await StartAsync(("Remediation:Postmortem:Prometheus:Timeout", "00:00:01"));
        var ids = new Ids();

        await services.RecordAllAsync(Fallback(ids));

        var (_, stored) = await services.Queries.ReportAsync(ids.Incident, CancellationToken.None);
        var report = ReportJson.Deserialize(stored!.Json);
        Assert.Contains("error_rate: Prometheus did not answer within 1s.", report.Metrics.Notes);
        Assert.Contains("latency_p99_ms: no Prometheus query is configured for this signal.", report.Metrics.Notes);
    }

    [Fact]
    public async Task Unreachable_Prometheus_leaves_a_note_and_the_report_is_written()
    {
        var url = _prometheus.Url;
        await _prometheus.DisposeAsync();
        _prometheus = await FakePrometheus.StartAsync();
        await using var services = await PostmortemServices.StartAsync(new Dictionary<string, string?> { ["Remediation:Postmortem:Prometheus:Url"] = url });
        var ids = new Ids();

        await services.RecordAllAsync(Fallback(ids));

        var (_, stored) = await services.Queries.ReportAsync(ids.Incident, CancellationToken.None);
        Assert.Contains(ReportJson.Deserialize(stored!.Json).Metrics.Notes, n => n.StartsWith("error_rate: ", StringComparison.Ordinal));
    }
}
