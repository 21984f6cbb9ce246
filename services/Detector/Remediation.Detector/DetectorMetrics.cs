using System.Diagnostics.Metrics;

namespace Remediation.Detector;

/// <summary>The detector's counters (meter <c>Remediation.Detector</c>), exported with the other telemetry.</summary>
public sealed class DetectorMetrics
{
    public const string MeterName = "Remediation.Detector";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _signals;
    private readonly Counter<long> _unmapped;
    private readonly Counter<long> _published;
    private readonly Counter<long> _handoffFailures;
    private readonly Counter<long> _checks;

    public DetectorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("remediation.detector.requests", description: "Inbound requests by source and outcome.");
        _rejections = meter.CreateCounter<long>("remediation.detector.rejections", description: "Refused requests by source and problem code.");
        _signals = meter.CreateCounter<long>("remediation.detector.signals", description: "Mapped signals by source and outcome (new, duplicate).");
        _unmapped = meter.CreateCounter<long>("remediation.detector.signals.unmapped", description: "Signals that map to no known service.");
        _published = meter.CreateCounter<long>("remediation.detector.published", description: "Messages published by type.");
        _handoffFailures = meter.CreateCounter<long>("remediation.detector.handoff.failures", description: "Hand-offs that failed (storage, broker).");
        _checks = meter.CreateCounter<long>("remediation.detector.checks", description: "Pull health check evaluations by outcome.");
    }

    public void Request(string source, string outcome) =>
        _requests.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", outcome));

    public void Rejected(string source, string code) =>
        _rejections.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("code", code));

    public void Signals(string source, string outcome, int count)
    {
        if (count > 0)
            _signals.Add(count, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Unmapped(string source) => _unmapped.Add(1, new KeyValuePair<string, object?>("source", source));

    public void Published(string type) => _published.Add(1, new KeyValuePair<string, object?>("type", type));

    public void HandoffFailed(string kind) => _handoffFailures.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Check(string outcome) => _checks.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
