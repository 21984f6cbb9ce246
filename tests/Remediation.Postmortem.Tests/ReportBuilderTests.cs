using Remediation.Contracts.Decisions;
using Remediation.Postmortem.Incidents;
using Remediation.Postmortem.Prometheus;
using Remediation.Postmortem.Reports;
using static Remediation.Postmortem.Tests.Scenarios;

namespace Remediation.Postmortem.Tests;

public sealed class ReportBuilderTests
{
    private static readonly Ids Ids = new();

    [Fact]
    public void Fallback_incident_report_states_the_summary_with_its_numbers()
    {
        var report = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids)));

        Assert.Equal(
            "checkout v2 in production breached error_rate 0.12 > 0.05, latency_p99_ms 4200 > 3000; the anomaly was detected 3m 10s after the deploy " +
            "at 2024-05-02 10:03:10Z. Automation rolled back v2 → v1 → v0 in 2 steps, the first requested 2s after detection, and the service " +
            "recovered on v0 12m after detection (verified).",
            report.Summary);
        Assert.Equal("checkout in production: v2 rolled back to v0, resolved", report.Title);
        Assert.Equal(IncidentState.Resolved, report.State);
        Assert.False(report.Draft);
        Assert.Equal("verified", report.Outcome.Resolution);
        Assert.Equal("v0", report.Outcome.FinalVersion);
    }

    [Fact]
    public void Fallback_incident_report_has_the_times_to_detect_act_and_recover()
    {
        var timings = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids))).Timings;

        Assert.Equal(At(3, 10), timings.DetectedAt);
        Assert.Equal("deploy", timings.DetectionStartKind);
        Assert.Equal(T0, timings.DetectionStart);
        Assert.Equal(TimeSpan.FromSeconds(190), timings.TimeToDetect);
        Assert.Equal(TimeSpan.FromSeconds(2), timings.TimeToAct);
        Assert.Equal(TimeSpan.FromSeconds(720), timings.TimeToRecover);
        Assert.Null(timings.TimeToEscalate);
    }

    [Fact]
    public void Fallback_incident_report_names_the_suspect_change_from_the_deployment_record()
    {
        var suspect = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids))).SuspectChange;

        Assert.NotNull(suspect);
        Assert.Equal(Ids.DeployV2, suspect.DeploymentId);
        Assert.Equal("v2", suspect.Version);
        Assert.Equal("2a1b2c3d4e5f60718293a4b5c6d7e8f9012345", suspect.Commit);
        Assert.Equal("alice", suspect.Author);
        Assert.Equal("Release v2", suspect.Description);
        Assert.Equal("registry.local/checkout:v2", suspect.Image);
        Assert.Equal("hook", suspect.Source);
        Assert.Equal(T0, suspect.DeployedAt);
    }

    [Fact]
    public void Fallback_incident_report_lists_each_anomaly_with_values_thresholds_and_recovery()
    {
        var anomalies = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids))).Anomalies;

        Assert.Equal(2, anomalies.Count);
        Assert.True(anomalies[0].Opening);
        Assert.Equal([("error_rate", 0.12, 0.05), ("latency_p99_ms", 4200.0, 3000.0)], anomalies[0].Signals.Select(s => (s.Name, s.Value!.Value, s.Threshold!.Value)));
        Assert.Equal(At(4, 30), anomalies[0].ClearedAt);
        Assert.False(anomalies[1].Opening);
        Assert.Equal(0.09, anomalies[1].Signals[0].Value);
        Assert.Equal(0.01, anomalies[1].ClearedSignals[0].Value);
    }

    [Fact]
    public void Fallback_incident_report_quotes_each_decision_with_its_rule_and_reason()
    {
        var decisions = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids))).Decisions;

        Assert.Equal(["rollback.inside-window", "rollback.fallback", "resolve.verified"], decisions.Select(d => d.Rule));
        Assert.Equal([DecisionOutcome.Rollback, DecisionOutcome.Rollback, DecisionOutcome.Resolve], decisions.Select(d => d.Outcome));
        Assert.Equal("v1 breaches while verifying: falling back to v0", decisions[1].Reason);
        Assert.Equal("v0", decisions[1].TargetVersion);
    }

    [Fact]
    public void Fallback_incident_report_has_the_rollback_chain_with_per_step_durations()
    {
        var rollback = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids))).Rollback;

        Assert.Equal(["v2", "v1", "v0"], rollback.Chain);
        Assert.Equal(2, rollback.Steps.Count);
        Assert.Equal((1, "v2", "v1", "completed"), (rollback.Steps[0].Depth, rollback.Steps[0].FromVersion, rollback.Steps[0].ToVersion, rollback.Steps[0].Outcome));
        Assert.Equal(TimeSpan.FromSeconds(43), rollback.Steps[0].Duration);
        Assert.Equal(TimeSpan.FromSeconds(41), rollback.Steps[0].RolloutDuration);
        Assert.Equal((2, "v1", "v0", "completed"), (rollback.Steps[1].Depth, rollback.Steps[1].FromVersion, rollback.Steps[1].ToVersion, rollback.Steps[1].Outcome));
        Assert.Equal(TimeSpan.FromSeconds(188), rollback.Steps[1].Duration);
        Assert.Equal("kubernetes", rollback.Steps[1].Driver);
    }

    [Fact]
    public void Fallback_incident_report_compares_each_signal_at_detection_worst_and_recovery()
    {
        var metrics = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids))).Metrics.Signals;

        var errors = Assert.Single(metrics, m => m.Signal == "error_rate");
        Assert.Equal((0.05, 0.12, 0.12, 0.01), (errors.Threshold!.Value, errors.AtDetection!.Value, errors.Worst!.Value, errors.AtRecovery!.Value));
        var latency = Assert.Single(metrics, m => m.Signal == "latency_p99_ms");
        Assert.Equal((3000.0, 4200.0, 4200.0, 700.0), (latency.Threshold!.Value, latency.AtDetection!.Value, latency.Worst!.Value, latency.AtRecovery!.Value));
    }

    [Fact]
    public void Fallback_incident_report_timeline_has_every_event_in_time_order()
    {
        var timeline = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids))).Timeline;

        Assert.Equal(
        [
            "DeploymentRecorded", "AnomalyDetected", "IncidentOpened", "DecisionRecorded", "RollbackRequested", "RollbackCompleted", "AnomalyCleared",
            "AnomalyDetected", "DecisionRecorded", "RollbackRequested", "RollbackCompleted", "AnomalyCleared", "DecisionRecorded", "IncidentResolved",
        ], timeline.Select(t => t.Type));
        Assert.Equal(timeline.Select(t => t.At).Order(), timeline.Select(t => t.At));
        Assert.Equal("v2 deployed (commit 2a1b2c3 by alice \"Release v2\")", timeline[0].Summary);
        Assert.Equal("Rollback v1 → v0 completed by kubernetes in 3m 7s: shop/checkout to revision 0", timeline[10].Summary);
    }

    [Fact]
    public void Fallback_incident_report_suggests_preventive_actions_from_its_rules()
    {
        var actions = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids))).PreventiveActions;

        Assert.Equal(["no-canary", "fallback-beyond-one", "slow-rollout"], actions.Select(a => a.Rule));
        Assert.Contains("v1 was believed healthy but failed too", actions[1].Evidence, StringComparison.Ordinal);
        Assert.Equal("The rollback v1 → v0 took 3m 8s (rollout 3m 6s), over 2m.", actions[2].Evidence);
    }

    [Fact]
    public void Escalated_incident_report_says_why_and_after_how_long()
    {
        var report = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Escalated(Ids)));

        Assert.Equal(IncidentState.Escalated, report.State);
        Assert.Equal(Contracts.Signals.Severity.Critical, report.Severity);
        Assert.Equal("rollback-failed", report.Outcome.ReasonCode);
        Assert.Equal("v1", report.Outcome.FinalVersion);
        Assert.EndsWith(
            "Automation rolled back v2 → v1 in 1 step (1 failed), the first requested 2s after detection; it escalated to humans 2m 56s after detection " +
            "(rollback-failed: The rollback to v0 failed: revision 0 was pruned).", report.Summary, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(176), report.Timings.TimeToEscalate);
        Assert.Null(report.Timings.TimeToRecover);
        var failed = report.Rollback.Steps[1];
        Assert.Equal(("failed", "revision-pruned", TimeSpan.FromSeconds(3)), (failed.Outcome, failed.ReasonCode!, failed.Duration!.Value));
        Assert.Equal(["no-canary", "fallback-beyond-one", "rollback-failed", "escalated"], report.PreventiveActions.Select(a => a.Rule));
    }

    [Fact]
    public void Open_incident_report_is_a_draft()
    {
        var messages = Fallback(Ids).Take(6);

        var report = ReportBuilder.Build(ReportInputs.From(Ids.Incident, messages));

        Assert.True(report.Draft);
        Assert.Equal(IncidentState.Open, report.State);
        Assert.EndsWith("the incident is still open.", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_is_the_same_whatever_the_order_and_duplication_of_its_events()
    {
        var inOrder = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids)));
        var shuffled = Fallback(Ids).Concat(Fallback(Ids).Where((_, i) => i % 3 == 0)).OrderBy(_ => Random.Shared.Next()).ToList();

        var report = ReportBuilder.Build(ReportInputs.From(Ids.Incident, shuffled));

        Assert.Equal(ReportJson.Serialize(inOrder with { Timeline = [] }), ReportJson.Serialize(report with { Timeline = [] }));
        Assert.Equal(inOrder.Timeline.Select(t => (t.At, t.Type)), report.Timeline.Select(t => (t.At, t.Type)));
    }

    [Fact]
    public void Prometheus_series_give_the_mean_before_the_worst_during_and_the_mean_after()
    {
        // One sample a minute from T0-10m to T0+30m: 0.01 before the deploy, 0.2 peak during, 0.02 after resolution.
        var samples = Enumerable.Range(-10, 41).Select(m => new MetricSample(T0.AddMinutes(m), m < 0 ? 0.01 : m <= 15 ? (m == 7 ? 0.2 : 0.1) : 0.02)).ToList();
        var metrics = new SignalMetrics
        {
            Signal = "error_rate", Query = "sum(rate(errors[1m]))", From = T0.AddMinutes(-10), To = T0.AddMinutes(30), Step = TimeSpan.FromMinutes(1),
            Series = [new MetricSeries(new Dictionary<string, string> { ["job"] = "checkout" }, samples)],
        };

        var report = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids), metrics: [metrics]));

        var prometheus = Assert.Single(Assert.Single(report.Metrics.Signals, s => s.Signal == "error_rate").Prometheus);
        Assert.Equal("{job=\"checkout\"}", prometheus.Series);
        Assert.Equal(0.01, prometheus.Before!.Value, 6);
        Assert.Equal(0.2, prometheus.Worst!.Value, 6);
        Assert.Equal(0.02, prometheus.After!.Value, 6);
        Assert.Equal(41, prometheus.Samples);
    }

    [Fact]
    public void Prometheus_errors_become_notes_in_the_metrics_section()
    {
        var failed = new SignalMetrics { Signal = "error_rate", Query = "bad(", Error = "Prometheus answered 400 bad_data: parse error" };

        var report = ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids), metrics: [failed]));

        Assert.Contains("error_rate: Prometheus answered 400 bad_data: parse error", report.Metrics.Notes);
    }

    [Fact]
    public void Time_to_detect_counts_from_the_first_breach_when_the_deploy_is_outside_the_rollback_window()
    {
        var ids = new Ids();
        var opened = Opened(ids) with { SuspectDeployment = Opened(ids).SuspectDeployment! with { DeployedAt = T0.AddHours(-3) } };
        var messages = Fallback(ids).Select(m => m is Contracts.Incidents.IncidentOpened ? opened : m);

        var timings = ReportBuilder.Build(ReportInputs.From(ids.Incident, messages)).Timings;

        Assert.Equal("first-breach", timings.DetectionStartKind);
        Assert.Equal(At(2, 10), timings.DetectionStart);
        Assert.Equal(TimeSpan.FromSeconds(60), timings.TimeToDetect);
    }

    [Fact]
    public void Approval_held_rollback_shows_who_approved_and_how_long_it_waited()
    {
        var ids = new Ids();
        var approval = Guid.NewGuid();
        var messages = Fallback(ids).Take(7).Concat(
        [
            new Contracts.Approvals.ApprovalRequested
            {
                ApprovalId = approval, IncidentId = ids.Incident, Environment = "production", Service = "checkout", Action = "rollback",
                FromVersion = "v2", ToVersion = "v1", Reason = "policy is manual", ExpiresAt = At(18, 11), OccurredAt = At(3, 11),
            },
            new Contracts.Approvals.ApprovalDecided
            {
                ApprovalId = approval, IncidentId = ids.Incident, Environment = "production", Service = "checkout", Approved = true,
                DecidedBy = "bob", Comment = "go", OccurredAt = At(4, 41),
            },
        ]).Select(m => m is Contracts.Rollbacks.RollbackRequested r ? r with { OccurredAt = At(4, 42), RequestedBy = "bob" } : m);

        var report = ReportBuilder.Build(ReportInputs.From(ids.Incident, messages));

        var held = Assert.Single(report.Approvals);
        Assert.Equal(("rollback v2 → v1", true, "bob", TimeSpan.FromSeconds(90)), (held.Action, held.Approved!.Value, held.DecidedBy!, held.Waited!.Value));
        Assert.Equal(TimeSpan.FromSeconds(92), report.Timings.TimeToAct);
        Assert.Contains("| rollback v2 → v1 | 2024-05-02 10:03:11Z | approved | bob | 1m 30s | go |", MarkdownReport.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Runbook_incident_without_a_deploy_reports_its_steps_and_counts_from_the_first_breach()
    {
        var ids = new Ids();
        var restart = Guid.NewGuid();
        var opened = Opened(ids) with { SuspectDeployment = null };
        object[] messages =
        [
            Anomaly(ids.Anomaly1, At(3, 10), ids.Service, ErrorRate(0.12, At(2, 10)), Latency(4200, At(2, 40))),
            opened,
            new Contracts.Remediations.RemediationRequested
            {
                RequestId = restart, IncidentId = ids.Incident, Environment = "production", Service = "checkout", Action = "restart", Step = 1,
                Reason = "no deployment in the rollback window", OccurredAt = At(3, 12),
            },
            new Contracts.Remediations.RemediationCompleted
            {
                RequestId = restart, IncidentId = ids.Incident, Environment = "production", Service = "checkout", Action = "restart", Step = 1,
                Details = "restarted 3 pods", Duration = TimeSpan.FromSeconds(25), OccurredAt = At(3, 37),
            },
            new Contracts.Incidents.IncidentResolved
            {
                IncidentId = ids.Incident, Environment = "production", Service = "checkout", Resolution = "remediated", ResolvedVersion = "v2",
                ResolvedAt = At(8, 10), OccurredAt = At(8, 10),
            },
        ];

        var report = ReportBuilder.Build(ReportInputs.From(ids.Incident, messages));

        Assert.Equal(("first-breach", TimeSpan.FromSeconds(60)), (report.Timings.DetectionStartKind!, report.Timings.TimeToDetect!.Value));
        var step = Assert.Single(report.Runbook);
        Assert.Equal(("restart", "completed", TimeSpan.FromSeconds(25)), (step.Action, step.Outcome, step.Duration!.Value));
        Assert.Null(report.SuspectChange);
        Assert.Empty(report.Rollback.Steps);
        Assert.EndsWith("The runbook ran restart (1 step), the first requested 2s after detection, and the service recovered on v2 5m after detection (remediated).",
            report.Summary, StringComparison.Ordinal);
        Assert.Contains("## Runbook", MarkdownReport.Render(report), StringComparison.Ordinal);
    }
}
