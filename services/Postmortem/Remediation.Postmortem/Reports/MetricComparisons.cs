using Remediation.Contracts.Signals;
using Remediation.Policy;
using Remediation.Postmortem.Prometheus;

namespace Remediation.Postmortem.Reports;

/// <summary>Each signal before and after the incident, from the anomalies' signals and from Prometheus range queries.</summary>
public static class MetricComparisons
{
    /// <param name="anomalies">The incident's anomalies.</param>
    /// <param name="metrics">Range queries around the incident.</param>
    /// <param name="start">When the incident started (deploy or first breach, else detection): "before" ends here.</param>
    /// <param name="end">When it ended (resolution or escalation, else the time of writing): "after" starts here.</param>
    public static IReadOnlyList<MetricComparison> Build(
        IReadOnlyList<ReportAnomaly> anomalies, IReadOnlyList<SignalMetrics> metrics, DateTimeOffset start, DateTimeOffset end)
    {
        var observed = anomalies.SelectMany(a => a.Signals).ToList();
        var recovered = anomalies.Where(a => a.ClearedAt is not null).OrderBy(a => a.ClearedAt).SelectMany(a => a.ClearedSignals).ToList();
        var opening = anomalies.FirstOrDefault(a => a.Opening) ?? (anomalies.Count > 0 ? anomalies[0] : null);
        var names = observed.Select(s => s.Name).Concat(recovered.Select(s => s.Name)).Concat(metrics.Select(m => m.Signal))
            .Distinct(StringComparer.Ordinal).ToList();

        return [.. names.Select(name =>
        {
            var seen = observed.Where(s => s.Name == name).ToList();
            var any = seen.FirstOrDefault() ?? recovered.FirstOrDefault(s => s.Name == name);
            var direction = any?.Direction ?? ThresholdPolicy.DefaultDirectionFor(name);
            var values = seen.Where(s => s.Value is { } v && double.IsFinite(v)).Select(s => s.Value!.Value).ToList();
            return new MetricComparison
            {
                Signal = name,
                Unit = seen.Select(s => s.Unit).FirstOrDefault(u => u is not null) ?? any?.Unit,
                Direction = direction,
                Threshold = seen.Select(s => s.Threshold).FirstOrDefault(t => t is not null) ?? any?.Threshold,
                AtDetection = (opening?.Signals.FirstOrDefault(s => s.Name == name) ?? seen.FirstOrDefault())?.Value,
                Worst = values.Count == 0 ? null : direction == SignalDirection.Above ? values.Max() : values.Min(),
                AtRecovery = recovered.LastOrDefault(s => s.Name == name)?.Value,
                Prometheus = [.. metrics.Where(m => m.Signal == name).SelectMany(m => m.Series.Select(series => Summarise(m, series, direction, start, end)))],
            };
        })];
    }

    /// <summary>Mean before <paramref name="start"/>, worst between start and end, mean after <paramref name="end"/>.</summary>
    public static PrometheusMetric Summarise(SignalMetrics metrics, MetricSeries series, SignalDirection direction, DateTimeOffset start, DateTimeOffset end)
    {
        var finite = series.Samples.Where(s => double.IsFinite(s.Value)).ToList();
        var before = finite.Where(s => s.At < start).Select(s => s.Value).ToList();
        var during = finite.Where(s => s.At >= start && s.At <= end).Select(s => s.Value).ToList();
        var after = finite.Where(s => s.At > end).Select(s => s.Value).ToList();
        return new PrometheusMetric
        {
            Query = metrics.Query,
            Series = series.LabelText,
            Before = before.Count == 0 ? null : before.Average(),
            Worst = during.Count == 0 ? null : direction == SignalDirection.Above ? during.Max() : during.Min(),
            After = after.Count == 0 ? null : after.Average(),
            From = metrics.From,
            To = metrics.To,
            Step = metrics.Step,
            Samples = series.Samples.Count,
        };
    }
}
