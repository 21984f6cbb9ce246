using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Approvals;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;

namespace Remediation.Postmortem.Reports;

/// <summary>The report's sections, each from the incident's messages (in timeline order).</summary>
internal static class ReportSections
{
    public static List<ReportAnomaly> Anomalies(IReadOnlyList<object> messages, IncidentOpened? opened)
    {
        var cleared = messages.OfType<AnomalyCleared>().GroupBy(c => c.AnomalyId).ToDictionary(g => g.Key, g => g.First());
        var anomalies = messages.OfType<AnomalyDetected>().DistinctBy(a => a.AnomalyId).Select(a => new ReportAnomaly
        {
            AnomalyId = a.AnomalyId,
            DetectedAt = a.DetectedAt,
            ClearedAt = cleared.GetValueOrDefault(a.AnomalyId)?.ClearedAt,
            Severity = a.Severity,
            Quorum = a.Quorum,
            Opening = a.AnomalyId == opened?.AnomalyId,
            Signals = a.Signals,
            ClearedSignals = cleared.GetValueOrDefault(a.AnomalyId)?.Signals ?? [],
        }).ToList();

        // The opening anomaly's own event may be missing (lost, or not yet in): IncidentOpened carries its signals.
        if (opened is not null && anomalies.All(a => !a.Opening))
        {
            anomalies.Insert(0, new ReportAnomaly
            {
                AnomalyId = opened.AnomalyId,
                DetectedAt = opened.DetectedAt == default ? opened.OpenedAt : opened.DetectedAt,
                ClearedAt = cleared.GetValueOrDefault(opened.AnomalyId)?.ClearedAt,
                Severity = opened.Severity,
                Opening = true,
                Signals = opened.Signals,
                ClearedSignals = cleared.GetValueOrDefault(opened.AnomalyId)?.Signals ?? [],
            });
        }

        // Anomalies that cleared but whose detection is not attached still say what recovered.
        foreach (var c in cleared.Values.Where(c => anomalies.All(a => a.AnomalyId != c.AnomalyId)))
        {
            anomalies.Add(new ReportAnomaly
            {
                AnomalyId = c.AnomalyId,
                DetectedAt = c.DetectedAt == default ? c.ClearedAt : c.DetectedAt,
                ClearedAt = c.ClearedAt,
                ClearedSignals = c.Signals,
            });
        }

        return [.. anomalies.OrderBy(a => a.DetectedAt)];
    }

    public static List<ReportDecision> Decisions(IReadOnlyList<object> messages) =>
        [.. messages.OfType<DecisionRecorded>().DistinctBy(d => d.DecisionId).Select(d => new ReportDecision
        {
            DecisionId = d.DecisionId,
            At = d.OccurredAt,
            Outcome = d.Outcome,
            Rule = d.Rule,
            Reason = d.Reason,
            DecidedBy = d.DecidedBy,
            Shadow = d.Shadow,
            TargetVersion = d.TargetVersion,
            VersionsConsidered = d.VersionsConsidered,
        })];

    public static List<ReportApproval> Approvals(IReadOnlyList<object> messages)
    {
        var decided = messages.OfType<ApprovalDecided>().GroupBy(d => d.ApprovalId).ToDictionary(g => g.Key, g => g.First());
        var requested = messages.OfType<ApprovalRequested>().DistinctBy(r => r.ApprovalId).ToList();
        var ids = requested.Select(r => r.ApprovalId).Concat(decided.Keys).Distinct();
        return [.. ids.Select(id =>
        {
            var request = requested.FirstOrDefault(r => r.ApprovalId == id);
            var decision = decided.GetValueOrDefault(id);
            var action = request is null ? "action"
                : request.FromVersion is not null && request.ToVersion is not null ? $"{request.Action} {request.FromVersion} → {request.ToVersion}"
                : request.Action;
            return new ReportApproval
            {
                ApprovalId = id,
                Action = action,
                RequestedAt = request?.OccurredAt,
                DecidedAt = decision?.OccurredAt,
                Approved = decision?.Approved,
                DecidedBy = decision?.DecidedBy,
                Comment = decision?.Comment,
                Waited = decision?.OccurredAt - request?.OccurredAt,
            };
        }).OrderBy(a => a.RequestedAt ?? a.DecidedAt)];
    }

    public static List<RollbackStep> RollbackSteps(IReadOnlyList<object> messages)
    {
        var requests = messages.OfType<RollbackRequested>().DistinctBy(r => r.RequestId).ToDictionary(r => r.RequestId);
        var completed = messages.OfType<RollbackCompleted>().DistinctBy(r => r.RequestId).ToDictionary(r => r.RequestId);
        var failed = messages.OfType<RollbackFailed>().DistinctBy(r => r.RequestId).ToDictionary(r => r.RequestId);
        var ids = requests.Keys.Concat(completed.Keys).Concat(failed.Keys).Distinct();

        var steps = ids.Select(id =>
        {
            var request = requests.GetValueOrDefault(id);
            var done = completed.GetValueOrDefault(id);
            var fail = failed.GetValueOrDefault(id);
            DateTimeOffset? finished = done?.CompletedAt ?? fail?.OccurredAt;
            DateTimeOffset? started = done?.StartedAt ?? (fail is { StartedAt: var s } && s != default ? s : null);
            return new RollbackStep
            {
                RequestId = id,
                Depth = request?.Depth ?? 0,
                FromVersion = request?.FromVersion ?? done?.FromVersion ?? fail!.FromVersion,
                ToVersion = request?.ToVersion ?? done?.ToVersion ?? fail!.ToVersion,
                Outcome = done is not null ? "completed" : fail is not null ? "failed" : "pending",
                RequestedAt = request?.OccurredAt,
                StartedAt = started,
                FinishedAt = finished,
                Duration = finished - (request?.OccurredAt ?? started),
                RolloutDuration = done is { RolloutDuration: var r } && r > TimeSpan.Zero ? r : null,
                Driver = done?.Driver ?? fail?.Driver,
                AlreadyAtTarget = done?.AlreadyAtTarget ?? false,
                Details = done?.Details,
                ReasonCode = fail?.ReasonCode,
                Reason = fail?.Reason ?? request?.Reason,
                RequestedBy = request?.RequestedBy,
            };
        }).ToList();

        // Depth orders the chain; steps whose request is missing go by time.
        return [.. steps.OrderBy(s => s.RequestedAt ?? s.StartedAt ?? s.FinishedAt).ThenBy(s => s.Depth)];
    }

    public static List<RunbookStepReport> Runbook(IReadOnlyList<object> messages)
    {
        var requests = messages.OfType<RemediationRequested>().DistinctBy(r => r.RequestId).ToDictionary(r => r.RequestId);
        var completed = messages.OfType<RemediationCompleted>().DistinctBy(r => r.RequestId).ToDictionary(r => r.RequestId);
        var failed = messages.OfType<RemediationFailed>().DistinctBy(r => r.RequestId).ToDictionary(r => r.RequestId);
        return [.. requests.Keys.Concat(completed.Keys).Concat(failed.Keys).Distinct().Select(id =>
        {
            var request = requests.GetValueOrDefault(id);
            var done = completed.GetValueOrDefault(id);
            var fail = failed.GetValueOrDefault(id);
            DateTimeOffset? finished = done?.OccurredAt ?? fail?.OccurredAt;
            return new RunbookStepReport
            {
                RequestId = id,
                Step = request?.Step ?? done?.Step ?? fail!.Step,
                Action = request?.Action ?? done?.Action ?? fail!.Action,
                Outcome = done is not null ? "completed" : fail is not null ? "failed" : "pending",
                RequestedAt = request?.OccurredAt,
                FinishedAt = finished,
                Duration = done is { Duration: var d } && d > TimeSpan.Zero ? d : finished - request?.OccurredAt,
                Details = done?.Details ?? (fail is null ? request?.Reason : $"{fail.ReasonCode}: {fail.Reason}"),
            };
        }).OrderBy(s => s.RequestedAt ?? s.FinishedAt).ThenBy(s => s.Step)];
    }

    /// <summary>The suspect change from the deployment record, or from what the incident said of it.</summary>
    public static SuspectChange? Suspect(DeploymentSummary? named, IReadOnlyList<DeploymentRecorded> deployments)
    {
        if (named is null)
            return null;

        var record = named.DeploymentId != Guid.Empty
            ? deployments.FirstOrDefault(d => d.DeploymentId == named.DeploymentId)
            : deployments.Where(d => d.Version == named.Version).MaxBy(d => d.DeployedAt);
        return new SuspectChange
        {
            DeploymentId = named.DeploymentId == Guid.Empty ? record?.DeploymentId : named.DeploymentId,
            Version = record?.Version ?? named.Version,
            Revision = record?.Revision ?? named.Revision,
            Image = record?.Image ?? named.Image,
            Commit = record?.Commit ?? named.Commit,
            Author = record?.Author ?? named.Author,
            Description = record?.Description ?? named.Description,
            DeployedAt = record?.DeployedAt ?? (named.DeployedAt == default ? null : named.DeployedAt),
            Irreversible = record?.Irreversible ?? false,
            Source = record?.Source,
        };
    }
}
