using System.Diagnostics.Metrics;

namespace Remediation.Notifier.Delivery;

/// <summary>The notifier's own metrics (meter <c>Remediation.Notifier</c>), tagged by channel and type, never by credentials.</summary>
internal sealed class NotifierMetrics : IDisposable
{
    public const string MeterName = "Remediation.Notifier";

    private readonly Meter _meter;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _latency;

    public NotifierMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _deliveries = _meter.CreateCounter<long>("remediation.notifier.deliveries", description: "Notifications finished, by channel and outcome.");
        _attempts = _meter.CreateCounter<long>("remediation.notifier.attempts", description: "HTTP requests made to channels, by channel and outcome.");
        _latency = _meter.CreateHistogram<double>("remediation.notifier.delivery.latency", "s", "From the event to the channel's acceptance.");
    }

    public void Attempt(string channel, string type, string outcome) =>
        _attempts.Add(1, new("channel", channel), new("type", type), new("outcome", outcome));

    public void Finished(string channel, string type, string outcome, TimeSpan? latency)
    {
        _deliveries.Add(1, new("channel", channel), new("type", type), new("outcome", outcome));
        if (latency is { } l)
            _latency.Record(Math.Max(0, l.TotalSeconds), new KeyValuePair<string, object?>("channel", channel), new("type", type));
    }

    public void Dispose() => _meter.Dispose();
}
