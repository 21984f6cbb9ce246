using Remediation.Contracts.Incidents;
using Remediation.Postmortem.Events;
using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Reports;

/// <summary>Builds the post-incident report from its inputs. Pure: the same input gives the same report.</summary>
public static class ReportBuilder
{
    public static PostmortemReport Build(ReportInput input)
    {
        var events = input.Events.DistinctBy(e => e.Key).InOrder().ToList();
        var incident = IncidentProjection.Project(input.IncidentId, events, input.DeployAttribution);
        var messages = events.Select(e => e.Message).ToList();
        var opened = messages.OfType<IncidentOpened>().FirstOrDefault();
        var escalated = messages.OfType<IncidentEscalated>().FirstOrDefault();

        var anomalies = ReportSections.Anomalies(messages, opened);
        var steps = ReportSections.RollbackSteps(messages);
        var runbook = ReportSections.Runbook(messages);
        var suspect = ReportSections.Suspect(opened?.SuspectDeployment, input.Deployments);
        var start = incident.Timings.DetectionStart ?? incident.Timings.DetectedAt ?? incident.OpenedAt ?? events[0].At;
        var end = incident.EndedAt ?? input.GeneratedAt;

        var rules = new RuleContext
        {
            Incident = incident,
            Steps = steps,
            Anomalies = anomalies,
            Escalation = escalated,
            Suspect = suspect,
            History = input.History,
            Driver = input.Driver ?? steps.Select(s => s.Driver).LastOrDefault(d => d is not null),
            DeployAttribution = input.DeployAttribution,
            Rules = input.Rules,
        };

        return new PostmortemReport
        {
            IncidentId = input.IncidentId,
            Environment = incident.Environment,
            Service = incident.Service,
            Title = Title(incident, suspect),
            State = incident.State,
            Severity = incident.Severity,
            Draft = incident.State == IncidentState.Open,
            GeneratedAt = input.GeneratedAt,
            OpenedAt = incident.OpenedAt,
            EndedAt = incident.EndedAt,
            Summary = SummaryWriter.Write(incident, anomalies, steps, runbook, escalated, suspect),
            Outcome = new ReportOutcome
            {
                State = incident.State,
                Resolution = incident.Resolution,
                ReasonCode = escalated?.ReasonCode,
                Reason = escalated?.Reason,
                FinalVersion = incident.FinalVersion,
            },
            Timings = incident.Timings,
            SuspectChange = suspect,
            Anomalies = anomalies,
            Decisions = ReportSections.Decisions(messages),
            Approvals = ReportSections.Approvals(messages),
            Rollback = new RollbackChain { Chain = incident.Chain, Steps = steps },
            Runbook = runbook,
            Metrics = new MetricsReport
            {
                Signals = MetricComparisons.Build(anomalies, input.Metrics, start, end),
                Notes = [.. input.MetricNotes, .. input.Metrics.Where(m => m.Error is not null).Select(m => $"{m.Signal}: {m.Error}")],
            },
            Timeline = Timeline(events, input),
            PreventiveActions = PreventiveRules.Suggest(rules),
        };
    }

    private static string Title(IncidentSummary incident, SuspectChange? suspect)
    {
        var subject = $"{incident.Service} in {incident.Environment}";
        var version = suspect?.Version ?? incident.CurrentVersion;
        var what = incident.Chain.Count > 1 ? $"{incident.Chain[0]} rolled back to {incident.Chain[^1]}" : version;
        var state = incident.State.ToString().ToLowerInvariant();
        return what is null ? $"{subject}, {state}" : $"{subject}: {what}, {state}";
    }

    private static List<ReportTimelineEntry> Timeline(IEnumerable<LifecycleEvent> events, ReportInput input)
    {
        var deployments = input.Deployments.Select(d => LifecycleEvents.Describe(d));
        return [.. events.Concat(deployments).DistinctBy(e => e.Key).InOrder().Select(e => new ReportTimelineEntry(e.At, e.Type, e.Summary))];
    }
}
