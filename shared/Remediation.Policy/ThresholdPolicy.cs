using Remediation.Contracts.Signals;

namespace Remediation.Policy;

/// <summary>A signal's threshold and which side of it is a breach.</summary>
public sealed record ThresholdPolicy(double Value, SignalDirection Direction)
{
    public bool IsBreachedBy(double value) => Direction == SignalDirection.Above ? value > Value : value < Value;

    /// <summary>
    /// Signals whose name says "more is better" breach below their threshold; everything else breaches above.
    /// A policy can always say <c>{ below: x }</c> or <c>{ above: x }</c> explicitly.
    /// </summary>
    public static SignalDirection DefaultDirectionFor(string signal)
    {
        var name = signal.ToLowerInvariant();
        string[] higherIsBetter = ["score", "availability", "success", "apdex", "throughput", "uptime"];
        return higherIsBetter.Any(name.Contains) ? SignalDirection.Below : SignalDirection.Above;
    }
}
