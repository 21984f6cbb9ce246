namespace Remediation.Postmortem.Reports;

/// <summary>One event of the timeline.</summary>
public sealed record ReportTimelineEntry(DateTimeOffset At, string Type, string Summary);
