using System.Text;
using Remediation.Postmortem.Events;

namespace Remediation.Postmortem.Reports;

/// <summary>The Markdown of the decision, rollback, runbook and metrics sections.</summary>
internal static class MarkdownSections
{
    public static void Decisions(StringBuilder md, PostmortemReport report)
    {
        md.AppendLine("## Decisions").AppendLine();
        if (report.Decisions.Count == 0)
            md.AppendLine("No decision was recorded.").AppendLine();
        else
            MarkdownReport.Table(md, ["Time", "Outcome", "Rule", "Reason", "By"], report.Decisions.Select(d => (IReadOnlyList<string>)
            [
                Text.Time(d.At), d.Outcome.ToString() + (d.Shadow ? " (shadow)" : "") + (d.TargetVersion is null ? "" : $" → {d.TargetVersion}"),
                MarkdownReport.Code(d.Rule), d.Reason, d.DecidedBy,
            ]));

        if (report.Approvals.Count > 0)
        {
            md.AppendLine("### Approvals").AppendLine();
            MarkdownReport.Table(md, ["Action", "Requested", "Decision", "By", "Waited", "Comment"], report.Approvals.Select(a => (IReadOnlyList<string>)
            [
                a.Action, MarkdownReport.Time(a.RequestedAt), a.Approved switch { true => "approved", false => "rejected", null => "pending" },
                a.DecidedBy ?? "", Text.Duration(a.Waited), a.Comment ?? "",
            ]));
        }
    }

    public static void Rollback(StringBuilder md, RollbackChain rollback)
    {
        md.AppendLine("## Rollback chain").AppendLine();
        if (rollback.Steps.Count == 0)
        {
            md.AppendLine("No rollback was requested.").AppendLine();
            return;
        }

        md.Append("**").AppendJoin(" → ", rollback.Chain).AppendLine("**").AppendLine();
        MarkdownReport.Table(md, ["Step", "Rollback", "Outcome", "Requested", "Finished", "Duration", "Rollout", "Driver", "Details"],
            rollback.Steps.Select(s => (IReadOnlyList<string>)
            [
                s.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{s.FromVersion} → {s.ToVersion}",
                s.Outcome + (s.ReasonCode is null ? "" : $" ({s.ReasonCode})"), MarkdownReport.Time(s.RequestedAt), MarkdownReport.Time(s.FinishedAt),
                Text.Duration(s.Duration), Text.Duration(s.RolloutDuration), s.Driver ?? "", s.Outcome == "failed" ? s.Reason ?? "" : s.Details ?? "",
            ]));
    }

    public static void Runbook(StringBuilder md, IReadOnlyList<RunbookStepReport> runbook)
    {
        if (runbook.Count == 0)
            return;
        md.AppendLine("## Runbook").AppendLine();
        MarkdownReport.Table(md, ["Step", "Action", "Outcome", "Requested", "Duration", "Details"], runbook.Select(r => (IReadOnlyList<string>)
        [
            r.Step.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Action, r.Outcome, MarkdownReport.Time(r.RequestedAt),
            Text.Duration(r.Duration), r.Details ?? "",
        ]));
    }

    public static void Metrics(StringBuilder md, MetricsReport metrics)
    {
        md.AppendLine("## Metrics before and after").AppendLine();
        var signals = metrics.Signals.Where(s => s.Threshold is not null || s.AtDetection is not null || s.AtRecovery is not null).ToList();
        if (signals.Count > 0)
        {
            md.AppendLine("From the signals:").AppendLine();
            MarkdownReport.Table(md, ["Signal", "Threshold", "At detection", "Worst", "At recovery"], signals.Select(s => (IReadOnlyList<string>)
            [
                s.Signal, $"{(s.Direction == Contracts.Signals.SignalDirection.Above ? ">" : "<")} {Text.Number(s.Threshold)}",
                Text.Number(s.AtDetection), Text.Number(s.Worst), s.AtRecovery is null ? "—" : Text.Number(s.AtRecovery),
            ]));
        }

        var series = metrics.Signals.SelectMany(s => s.Prometheus.Select(p => (s.Signal, Metric: p))).ToList();
        if (series.Count > 0)
        {
            var first = series[0].Metric;
            md.Append("From Prometheus (").Append(Text.Time(first.From)).Append(" to ").Append(Text.Time(first.To))
                .Append(", step ").Append(Text.Duration(first.Step)).AppendLine("; before = mean before the incident, worst = during it, after = mean after it):").AppendLine();
            MarkdownReport.Table(md, ["Signal", "Series", "Before", "Worst during", "After", "Samples"], series.Select(s => (IReadOnlyList<string>)
            [
                s.Signal, s.Metric.Series.Length == 0 ? MarkdownReport.Code(s.Metric.Query) : MarkdownReport.Code(s.Metric.Series),
                s.Metric.Before is null ? "—" : Text.Number(s.Metric.Before), s.Metric.Worst is null ? "—" : Text.Number(s.Metric.Worst),
                s.Metric.After is null ? "—" : Text.Number(s.Metric.After), s.Metric.Samples.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]));
        }

        foreach (var note in metrics.Notes)
            md.Append("- ").AppendLine(note);
        if (metrics.Notes.Count > 0)
            md.AppendLine();
        if (signals.Count == 0 && series.Count == 0 && metrics.Notes.Count == 0)
            md.AppendLine("No figures were recorded.").AppendLine();
    }
}
