using Remediation.Contracts.Signals;
using Remediation.Policy;

namespace Remediation.Detector.Checks;

/// <summary>
/// Judges a pull check's query result: the worst series against the threshold (the highest for <c>above</c>, the lowest for
/// <c>below</c>); no data as the policy says (ok, breach, or inconclusive: keep the verdict); a failed query is inconclusive;
/// a breach counts only after the required number of consecutive breaching evaluations.
/// </summary>
public static class CheckEvaluator
{
    public static CheckVerdict Evaluate(CheckState state, QueryResult result, ThresholdPolicy threshold, NoDataPolicy noData, int required)
    {
        if (result.Failed)
            return new CheckVerdict(state, null, null);

        double? worst = null;
        bool breached;
        if (result.Values.Count == 0)
        {
            switch (noData)
            {
                case NoDataPolicy.Ok:
                    return new CheckVerdict(CheckState.Initial, false, null);
                case NoDataPolicy.Breach:
                    breached = true;
                    break;
                default:
                    return new CheckVerdict(state, null, null);
            }
        }
        else
        {
            worst = threshold.Direction == SignalDirection.Above ? result.Values.Max() : result.Values.Min();
            breached = threshold.IsBreachedBy(worst.Value);
        }

        if (!breached)
            return new CheckVerdict(CheckState.Initial, false, worst);

        var consecutive = state.Consecutive + 1;
        var breaching = consecutive >= Math.Max(1, required);
        return new CheckVerdict(new CheckState(consecutive, breaching), breaching, worst);
    }
}
