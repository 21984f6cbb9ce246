using System.Text;
using Remediation.Contracts.Signals;
using Remediation.Postmortem.Events;

namespace Remediation.Postmortem.Reports;

/// <summary>Renders a <see cref="PostmortemReport"/> as Markdown (GitHub-flavoured tables).</summary>
public static class MarkdownReport
{
    public static string Render(PostmortemReport report)
    {
        var md = new StringBuilder();
        md.Append("# Postmortem: ").AppendLine(report.Title).AppendLine();
        if (report.Draft)
            md.AppendLine("> Draft: the incident is still open; the report is written when it resolves or escalates.").AppendLine();

        Table(md, ["Incident", "Service", "Environment", "Severity", "State", "Opened", "Ended"],
        [[
            Code(report.IncidentId.ToString()), report.Service, report.Environment, Lower(report.Severity), State(report),
            Time(report.OpenedAt), Time(report.EndedAt),
        ]]);

        md.AppendLine("## Summary").AppendLine().AppendLine(report.Summary).AppendLine();
        Timings(md, report);
        Suspect(md, report.SuspectChange);
        Signals(md, report.Anomalies);
        MarkdownSections.Decisions(md, report);
        MarkdownSections.Rollback(md, report.Rollback);
        MarkdownSections.Runbook(md, report.Runbook);
        MarkdownSections.Metrics(md, report.Metrics);

        md.AppendLine("## Timeline").AppendLine();
        Table(md, ["Time", "Event", "What happened"], report.Timeline.Select(t => (IReadOnlyList<string>)[Text.Time(t.At), t.Type, t.Summary]));

        md.AppendLine("## Preventive actions").AppendLine();
        if (report.PreventiveActions.Count == 0)
            md.AppendLine("No rule suggested an action.").AppendLine();
        for (var i = 0; i < report.PreventiveActions.Count; i++)
        {
            var action = report.PreventiveActions[i];
            md.Append(i + 1).Append(". **").Append(action.Action).Append("** ").Append(action.Evidence).Append(" (`").Append(action.Rule).AppendLine("`)");
        }

        md.AppendLine().Append("_Generated ").Append(Text.Time(report.GeneratedAt)).AppendLine(" by the Remediation postmortem service._");
        return md.ToString();
    }

    private static void Timings(StringBuilder md, PostmortemReport report)
    {
        var t = report.Timings;
        var start = t.DetectionStartKind switch
        {
            "deploy" => $"deploy ({Time(t.DetectionStart)})",
            "first-breach" => $"first breach ({Time(t.DetectionStart)})",
            _ => "unknown",
        };
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Time to detect", Text.Duration(t.TimeToDetect), $"{start} → detected ({Time(t.DetectedAt)})" },
            new[] { "Time to act", Text.Duration(t.TimeToAct), $"detected → first action requested ({Time(t.FirstActionAt)})" },
            new[] { "Time to recover", Text.Duration(t.TimeToRecover), $"detected → resolved ({Time(report.State == Incidents.IncidentState.Resolved ? report.EndedAt : null)})" },
        };
        if (t.TimeToEscalate is not null)
            rows.Add(["Time to escalate", Text.Duration(t.TimeToEscalate), "detected → escalated"]);
        md.AppendLine("## Timings").AppendLine();
        Table(md, ["Measure", "Duration", "From → to"], rows);
    }

    private static void Suspect(StringBuilder md, SuspectChange? suspect)
    {
        md.AppendLine("## Suspect change").AppendLine();
        if (suspect is null)
        {
            md.AppendLine("No deployment was named when the incident opened.").AppendLine();
            return;
        }

        md.Append("- Version: ").AppendLine(Code(suspect.Version));
        if (suspect.Revision is not null) md.Append("- Revision: ").AppendLine(suspect.Revision);
        if (suspect.Image is not null) md.Append("- Image: ").AppendLine(Code(suspect.Image));
        md.Append("- Commit: ").AppendLine(suspect.Commit is null ? "unknown" : Code(suspect.Commit));
        md.Append("- Author: ").AppendLine(suspect.Author ?? "unknown");
        md.Append("- Description: ").AppendLine(suspect.Description ?? "none given");
        md.Append("- Deployed: ").Append(Time(suspect.DeployedAt)).AppendLine(suspect.Source is null ? "" : $" (reported by {suspect.Source})");
        if (suspect.Irreversible) md.AppendLine("- Marked irreversible: automation may not roll it back");
        md.AppendLine();
    }

    private static void Signals(StringBuilder md, IReadOnlyList<ReportAnomaly> anomalies)
    {
        md.AppendLine("## Signals").AppendLine();
        if (anomalies.Count == 0)
            md.AppendLine("No signals were recorded.").AppendLine();
        foreach (var a in anomalies)
        {
            md.Append("### Anomaly detected ").Append(Text.Time(a.DetectedAt));
            md.Append(a.Opening ? " (opened the incident" : " (");
            md.Append(a.Opening ? ", " : "").Append(Lower(a.Severity)).Append(a.Quorum > 0 ? $", quorum {a.Quorum}" : "").AppendLine(")").AppendLine();
            Table(md, ["Signal", "Value", "Threshold", "Source", "Window", "Observed"], a.Signals.Select(s => (IReadOnlyList<string>)
            [
                s.Name, Text.Number(s.Value), $"{(s.Direction == SignalDirection.Above ? ">" : "<")} {Text.Number(s.Threshold)}{(s.Unit is null or "ratio" ? "" : $" {s.Unit}")}",
                s.Link is null ? s.Source : $"[{s.Source}]({s.Link})", s.Window ?? "", s.ObservedAt == default ? "" : Text.Time(s.ObservedAt),
            ]));
            if (a.ClearedAt is { } cleared)
                md.Append("Cleared ").Append(Text.Time(cleared)).AppendLine(a.ClearedSignals.Count == 0 ? "." : $": {Text.Signals(a.ClearedSignals)}.").AppendLine();
        }
    }

    internal static void Table(StringBuilder md, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        md.Append("| ").AppendJoin(" | ", header.Select(Cell)).AppendLine(" |");
        md.Append('|').AppendJoin('|', header.Select(_ => "---")).AppendLine("|");
        foreach (var row in rows)
            md.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
        md.AppendLine();
    }

    /// <summary>A table cell: pipes escaped, line breaks flattened, so that text from events cannot break the table.</summary>
    internal static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? " " : text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);

    internal static string Code(string text) => $"`{text.Replace("`", "'", StringComparison.Ordinal)}`";

    internal static string Time(DateTimeOffset? at) => at is { } t ? Text.Time(t) : "—";

    internal static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string State(PostmortemReport report) =>
        report.Outcome.Resolution is { } r ? $"{Lower(report.State)} ({r})" : report.Outcome.ReasonCode is { } c ? $"{Lower(report.State)} ({c})" : Lower(report.State);
}
