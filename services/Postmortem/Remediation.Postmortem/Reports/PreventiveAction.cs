namespace Remediation.Postmortem.Reports;

/// <summary>A preventive action a rule suggests, with the evidence that triggered it.</summary>
/// <param name="Action">What to do.</param>
/// <param name="Evidence">What triggered it, with the numbers.</param>
/// <param name="Rule">The rule's stable code, for example <c>no-canary</c>.</param>
public sealed record PreventiveAction(string Rule, string Action, string Evidence);
