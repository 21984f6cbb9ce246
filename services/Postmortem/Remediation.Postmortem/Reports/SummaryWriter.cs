using Remediation.Contracts.Incidents;
using Remediation.Postmortem.Events;
using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Reports;

/// <summary>The report's summary: what happened, then what was done and how it ended, in two sentences with the numbers.</summary>
internal static class SummaryWriter
{
    public static string Write(
        IncidentSummary incident, IReadOnlyList<ReportAnomaly> anomalies, IReadOnlyList<RollbackStep> steps,
        IReadOnlyList<RunbookStepReport> runbook, IncidentEscalated? escalated, SuspectChange? suspect)
    {
        return $"{WhatHappened(incident, anomalies, suspect)} {WhatWasDone(incident, steps, runbook, escalated)}";
    }

    private static string WhatHappened(IncidentSummary incident, IReadOnlyList<ReportAnomaly> anomalies, SuspectChange? suspect)
    {
        var timings = incident.Timings;
        var version = suspect?.Version ?? incident.CurrentVersion;
        var who = version is null ? $"{incident.Service} in {incident.Environment}" : $"{incident.Service} {version} in {incident.Environment}";
        var opening = anomalies.FirstOrDefault(a => a.Opening) ?? (anomalies.Count > 0 ? anomalies[0] : null);
        var breached = opening is { Signals.Count: > 0 } ? $"breached {Text.Signals(opening.Signals)}" : "had an anomaly";
        var at = timings.DetectedAt is { } d ? $" at {Text.Time(d)}" : "";
        return timings.DetectionStartKind switch
        {
            "deploy" => $"{who} {breached}; the anomaly was detected {Text.Duration(timings.TimeToDetect)} after the deploy{at}.",
            "first-breach" => $"{who} {breached}; the anomaly was detected {Text.Duration(timings.TimeToDetect)} after the first breach{at}.",
            _ => $"{who} {breached}; the anomaly was detected{at}.",
        };
    }

    private static string WhatWasDone(IncidentSummary incident, IReadOnlyList<RollbackStep> steps, IReadOnlyList<RunbookStepReport> runbook, IncidentEscalated? escalated)
    {
        var timings = incident.Timings;
        string action;
        if (steps.Count > 0)
        {
            var done = steps.Count(s => s.Outcome == "completed");
            var failed = steps.Count(s => s.Outcome == "failed");
            var chain = incident.Chain.Count > 1 ? string.Join(" → ", incident.Chain) : $"{steps[0].FromVersion} → {steps[0].ToVersion}";
            action = $"Automation rolled back {chain} in {Plural(done, "step")}{(failed > 0 ? $" ({failed} failed)" : "")}, " +
                     $"the first requested {Text.Duration(timings.TimeToAct)} after detection";
        }
        else if (runbook.Count > 0)
        {
            action = $"The runbook ran {string.Join(", ", runbook.Select(r => r.Action).Distinct())} ({Plural(runbook.Count, "step")}), " +
                     $"the first requested {Text.Duration(timings.TimeToAct)} after detection";
        }
        else
        {
            action = "No automatic action was taken";
        }

        return incident.State switch
        {
            IncidentState.Resolved when steps.Count > 0 || runbook.Count > 0 =>
                $"{action}, and the service recovered{(incident.FinalVersion is null ? "" : $" on {incident.FinalVersion}")} " +
                $"{Text.Duration(timings.TimeToRecover)} after detection ({incident.Resolution}).",
            IncidentState.Resolved => $"{action}; the incident resolved {Text.Duration(timings.TimeToRecover)} after detection ({incident.Resolution}).",
            IncidentState.Escalated =>
                $"{action}; it escalated to humans {Text.Duration(timings.TimeToEscalate)} after detection ({escalated?.ReasonCode}: {escalated?.Reason.TrimEnd('.')}).",
            _ => $"{action}; the incident is still open.",
        };
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
