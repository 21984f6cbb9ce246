namespace Remediation.Postmortem.Api;

/// <summary>One incident with its timeline (<c>GET /api/incidents/{id}</c>).</summary>
public sealed record IncidentDetailView(IncidentView Incident, IReadOnlyList<TimelineEntryView> Timeline);
