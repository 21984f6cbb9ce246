using Remediation.Contracts.Anomalies;

namespace Remediation.Detector.Evaluation;

/// <summary>What applying reports to a state produced: the next state and the events to publish (none on a duplicate).</summary>
public sealed record Evaluation(ServiceState State, bool Changed, AnomalyDetected? Detected, AnomalyCleared? Cleared)
{
    public static Evaluation Unchanged(ServiceState state) => new(state, false, null, null);

    public IEnumerable<object> Messages
    {
        get
        {
            if (Detected is not null)
                yield return Detected;
            if (Cleared is not null)
                yield return Cleared;
        }
    }
}
