namespace Remediation.Notifier.Templates;

/// <summary>A labelled value shown with a message (Slack fields, an Adaptive Card FactSet, PagerDuty custom details).</summary>
public sealed record Fact(string Label, string Value);
