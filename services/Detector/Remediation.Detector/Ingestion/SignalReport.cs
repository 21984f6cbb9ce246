using Remediation.Contracts.Signals;
using Remediation.Policy;

namespace Remediation.Detector.Ingestion;

/// <summary>
/// One signal of one service as a source reported it, mapped and judged: breaching or recovered. The evaluator's input,
/// whatever the source (webhook, push, pull check).
/// </summary>
public sealed record SignalReport(ServiceKey Key, SignalObservation Observation, bool Breaching, Severity Severity)
{
    /// <summary>The source's identity of the alert instance; several instances of one signal count as one signal.</summary>
    public string Fingerprint => Observation.Fingerprint ?? $"{Observation.Source}:{Observation.Name}";
}
