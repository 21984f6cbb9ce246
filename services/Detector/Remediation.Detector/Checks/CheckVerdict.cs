namespace Remediation.Detector.Checks;

/// <summary>The outcome of one evaluation: the next state, and whether the signal breaches (null: inconclusive, report nothing).</summary>
public sealed record CheckVerdict(CheckState State, bool? Breaching, double? Value);
