namespace Remediation.Detector.Checks;

/// <summary>A pull check's memory between evaluations: consecutive breaches so far and the current verdict.</summary>
public sealed record CheckState(int Consecutive, bool Breaching)
{
    public static readonly CheckState Initial = new(0, false);
}
