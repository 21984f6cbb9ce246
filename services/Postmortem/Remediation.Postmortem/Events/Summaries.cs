using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Approvals;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;

namespace Remediation.Postmortem.Events;

/// <summary>One line per lifecycle message, as the timeline shows it.</summary>
internal static class Summaries
{
    public static string Of(DeploymentRecorded m)
    {
        var change = new List<string>();
        if (!string.IsNullOrWhiteSpace(m.Commit)) change.Add($"commit {Text.ShortCommit(m.Commit)}");
        if (!string.IsNullOrWhiteSpace(m.Author)) change.Add($"by {m.Author}");
        if (!string.IsNullOrWhiteSpace(m.Description)) change.Add($"\"{m.Description}\"");
        var detail = change.Count == 0 ? "" : $" ({string.Join(' ', change)})";
        return $"{m.Version} deployed{detail}{(m.Irreversible ? ", marked irreversible" : "")}";
    }

    public static string Of(AnomalyDetected m) =>
        $"Anomaly detected ({m.Severity.ToString().ToLowerInvariant()}, quorum {m.Quorum}): {Text.Signals(m.Signals)}";

    public static string Of(AnomalyCleared m) =>
        m.Signals.Count == 0 ? "Anomaly cleared" : $"Anomaly cleared: {Text.Signals(m.Signals)}";

    public static string Of(IncidentOpened m)
    {
        var version = m.CurrentVersion ?? m.SuspectDeployment?.Version;
        return $"Incident opened ({m.Severity.ToString().ToLowerInvariant()}){(version is null ? "" : $" on {version}")}";
    }

    public static string Of(DecisionRecorded m) =>
        $"Decision {Outcome(m.Outcome)}{(m.Shadow ? " (shadow)" : "")} by {m.DecidedBy} [{m.Rule}]: {m.Reason}";

    public static string Of(RollbackRequested m) =>
        $"Rollback {m.FromVersion} → {m.ToVersion} requested (step {m.Depth}, by {m.RequestedBy}): {m.Reason}";

    public static string Of(RollbackCompleted m) =>
        m.AlreadyAtTarget
            ? $"Rollback {m.FromVersion} → {m.ToVersion} completed by {m.Driver}: already at {m.ToVersion}"
            : $"Rollback {m.FromVersion} → {m.ToVersion} completed by {m.Driver} in {Text.Duration(m.CompletedAt - m.StartedAt)}{(m.Details is null ? "" : $": {m.Details}")}";

    public static string Of(RollbackFailed m) => $"Rollback {m.FromVersion} → {m.ToVersion} failed ({m.ReasonCode}) in {m.Driver}: {m.Reason}";

    public static string Of(RemediationRequested m) => $"Runbook step {m.Step} requested: {m.Action}: {m.Reason}";

    public static string Of(RemediationCompleted m) =>
        $"Runbook step {m.Step} done: {m.Action} in {Text.Duration(m.Duration)}{(m.Details is null ? "" : $": {m.Details}")}";

    public static string Of(RemediationFailed m) => $"Runbook step {m.Step} failed: {m.Action} ({m.ReasonCode}): {m.Reason}";

    public static string Of(ApprovalRequested m)
    {
        var action = m.FromVersion is not null && m.ToVersion is not null ? $"{m.Action} {m.FromVersion} → {m.ToVersion}" : m.Action;
        return $"Approval requested for {action} (expires {Text.Time(m.ExpiresAt)}): {m.Reason}";
    }

    public static string Of(ApprovalDecided m) =>
        $"{(m.Approved ? "Approved" : "Rejected")} by {m.DecidedBy}{(string.IsNullOrWhiteSpace(m.Comment) ? "" : $": {m.Comment}")}";

    public static string Of(IncidentEscalated m) => $"Incident escalated ({m.ReasonCode}){Chain(m.Chain)}: {m.Reason}";

    public static string Of(IncidentResolved m) =>
        $"Incident resolved ({m.Resolution}){(m.ResolvedVersion is null ? "" : $" on {m.ResolvedVersion}")}{Chain(m.Chain)}";

    private static string Chain(IReadOnlyList<string> chain) => chain.Count > 1 ? $", chain {string.Join(" → ", chain)}" : "";

    private static string Outcome(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.NoAction => "no action",
        DecisionOutcome.AwaitApproval => "await approval",
        DecisionOutcome.NotifyOnly => "notify only",
        DecisionOutcome.WouldAct => "would act",
        DecisionOutcome.VersionHealth => "version health",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
