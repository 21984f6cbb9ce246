namespace Remediation.Postmortem.Prometheus;

/// <summary>One series of a range query's answer: its labels and its samples in time order.</summary>
public sealed record MetricSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<MetricSample> Samples)
{
    /// <summary>The labels as PromQL writes them, <c>{job="checkout",code="500"}</c>; empty when there are none.</summary>
    public string LabelText =>
        Labels.Count == 0 ? "" : "{" + string.Join(',', Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}
