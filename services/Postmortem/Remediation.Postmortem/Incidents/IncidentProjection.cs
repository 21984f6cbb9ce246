using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Postmortem.Events;

namespace Remediation.Postmortem.Incidents;

/// <summary>
/// Folds an incident's events into its <see cref="IncidentSummary"/>. A pure function of the set of events: duplicates and
/// arrival order change nothing.
/// </summary>
public static class IncidentProjection
{
    /// <param name="incidentId">The incident.</param>
    /// <param name="events">Its events, in any order, duplicates allowed.</param>
    /// <param name="deployAttribution">How long after a deployment an anomaly is blamed on it (the rollback window).</param>
    public static IncidentSummary Project(Guid incidentId, IEnumerable<LifecycleEvent> events, TimeSpan deployAttribution)
    {
        var ordered = events.DistinctBy(e => e.Key).InOrder().ToList();
        if (ordered.Count == 0)
            throw new ArgumentException("An incident needs at least one event.", nameof(events));

        var messages = ordered.Select(e => e.Message).ToList();
        var opened = messages.OfType<IncidentOpened>().FirstOrDefault();
        var resolved = messages.OfType<IncidentResolved>().FirstOrDefault();
        var escalated = messages.OfType<IncidentEscalated>().FirstOrDefault();
        var requests = messages.OfType<RollbackRequested>().ToList();
        var completed = messages.OfType<RollbackCompleted>().ToList();

        var severity = opened?.Severity ?? Contracts.Signals.Severity.Major;
        if (escalated is not null && escalated.Severity > severity)
            severity = escalated.Severity;

        var current = opened?.CurrentVersion ?? opened?.SuspectDeployment?.Version ?? requests.OrderBy(r => r.Depth).FirstOrDefault()?.FromVersion;
        var chain = resolved?.Chain is { Count: > 0 } rc ? rc
            : escalated?.Chain is { Count: > 0 } ec ? ec
            : BuildChain(current, completed);

        return new IncidentSummary
        {
            IncidentId = incidentId,
            Opened = opened is not null,
            Environment = ordered[0].Environment,
            Service = ordered[0].Service,
            Severity = severity,
            State = resolved is not null ? IncidentState.Resolved : escalated is not null ? IncidentState.Escalated : IncidentState.Open,
            AnomalyId = opened?.AnomalyId,
            OpenedAt = opened?.OpenedAt,
            ResolvedAt = resolved?.ResolvedAt,
            EscalatedAt = escalated?.OccurredAt,
            Resolution = resolved?.Resolution,
            EscalationReasonCode = escalated?.ReasonCode,
            CurrentVersion = current,
            FinalVersion = resolved?.ResolvedVersion ?? escalated?.CurrentVersion ?? (chain.Count > 0 ? chain[^1] : null),
            Chain = chain,
            SuspectDeployment = opened?.SuspectDeployment,
            Rollbacks = requests.DistinctBy(r => r.RequestId).Count(),
            FailedRollbacks = messages.OfType<RollbackFailed>().DistinctBy(r => r.RequestId).Count(),
            Timings = Timings(ordered, opened, resolved, escalated, deployAttribution),
        };
    }

    private static List<string> BuildChain(string? current, IEnumerable<RollbackCompleted> completed)
    {
        var chain = new List<string>();
        if (current is not null)
            chain.Add(current);
        foreach (var step in completed.OrderBy(c => c.CompletedAt))
        {
            if (chain.Count == 0)
                chain.Add(step.FromVersion);
            if (chain[^1] != step.ToVersion)
                chain.Add(step.ToVersion);
        }

        return chain;
    }

    private static IncidentTimings Timings(
        List<LifecycleEvent> ordered, IncidentOpened? opened, IncidentResolved? resolved, IncidentEscalated? escalated, TimeSpan deployAttribution)
    {
        var anomalies = ordered.Select(e => e.Message).OfType<AnomalyDetected>().ToList();
        var first = opened is null ? anomalies.FirstOrDefault() : anomalies.FirstOrDefault(a => a.AnomalyId == opened.AnomalyId) ?? anomalies.FirstOrDefault();
        DateTimeOffset? detected = opened is { DetectedAt: var d } && d != default ? d : first?.DetectedAt ?? opened?.OpenedAt;
        if (detected is not { } detectedAt)
            return new IncidentTimings();

        // The time to detect counts from the deployment when the anomaly is blamed on it (inside the attribution window),
        // otherwise from the first breach the sources reported.
        DateTimeOffset? start = null;
        string? kind = null;
        if (opened?.SuspectDeployment is { DeployedAt: var deployedAt } && deployedAt != default && deployedAt <= detectedAt &&
            detectedAt - deployedAt <= deployAttribution)
        {
            start = deployedAt;
            kind = "deploy";
        }
        else
        {
            var breaches = (opened?.Signals ?? []).Concat(first?.Signals ?? [])
                .Select(s => s.ObservedAt).Where(t => t != default && t <= detectedAt).ToList();
            if (breaches.Count > 0)
            {
                start = breaches.Min();
                kind = "first-breach";
            }
        }

        var action = ordered.FirstOrDefault(e => e.Message is RollbackRequested)
            ?? ordered.FirstOrDefault(e => e.Message is RemediationRequested);
        return new IncidentTimings
        {
            DetectedAt = detectedAt,
            DetectionStart = start,
            DetectionStartKind = kind,
            TimeToDetect = detectedAt - start,
            FirstActionAt = action?.At,
            TimeToAct = action?.At - detectedAt,
            TimeToRecover = resolved?.ResolvedAt - detectedAt,
            TimeToEscalate = escalated?.OccurredAt - detectedAt,
        };
    }
}
