using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Remediation.Postmortem.Prometheus;

/// <summary>
/// Runs the range queries around an incident for the report: one per signal that has a query (configured, or the
/// policy's detection checks), from <c>Before</c> ahead of its start to <c>After</c> its end. A failing or slow
/// Prometheus costs a note in the report, never the report.
/// </summary>
public sealed class IncidentMetrics(
    PrometheusClient prometheus, ServicePolicies policies, IOptionsMonitor<PostmortemOptions> options, TimeProvider time, ILogger<IncidentMetrics> logger)
{
    public async Task<(IReadOnlyList<SignalMetrics> Metrics, IReadOnlyList<string> Notes)> CollectAsync(
        string environment, string service, IReadOnlyCollection<string> signals, DateTimeOffset start, DateTimeOffset? end, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Prometheus;
        if (!prometheus.IsConfigured)
            return ([], [$"Prometheus is not configured ({PostmortemOptions.Section}:Prometheus:Url): the figures come from the signals alone."]);

        var queries = policies.MetricQueries(environment, service);
        var chosen = queries.OrderBy(q => signals.Contains(q.Key) ? 0 : 1).ThenBy(q => q.Key, StringComparer.Ordinal).Take(settings.MaxQueries).ToList();
        var notes = signals.Where(s => !queries.ContainsKey(s)).Order(StringComparer.Ordinal)
            .Select(s => $"{s}: no Prometheus query is configured for this signal.").ToList();

        var now = time.GetUtcNow();
        var from = start - settings.Before;
        var to = (end ?? now) + settings.After;
        if (to > now)
            to = now;
        if (to <= from)
            to = from + settings.MinimumStep;
        var step = TimeSpan.FromSeconds(Math.Ceiling(Math.Max(settings.MinimumStep.TotalSeconds, (to - from).TotalSeconds / settings.Points)));

        var results = new List<SignalMetrics>();
        foreach (var (signal, query) in chosen)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            string? error = null;
            IReadOnlyList<MetricSeries> series = [];
            try
            {
                series = await prometheus.QueryRangeAsync(query, from, to, step, timeout.Token);
                if (series.Count == 0)
                    error = "the query returned no series in the range.";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = $"Prometheus did not answer within {Events.Text.Duration(settings.Timeout)}.";
            }
            catch (Exception ex) when (ex is PrometheusQueryException or HttpRequestException)
            {
                error = ex.Message;
            }

            if (error is not null)
                logger.LogWarning("Prometheus range query for {Signal} of {Environment}/{Service} failed: {Error}", signal, environment, service, error);
            results.Add(new SignalMetrics { Signal = signal, Query = query, From = from, To = to, Step = step, Series = series, Error = error });
        }

        return (results, notes);
    }
}
