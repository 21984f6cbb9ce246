using Remediation.Contracts.Decisions;
using Remediation.Postmortem.Reports;
using static Remediation.Postmortem.Tests.Scenarios;

namespace Remediation.Postmortem.Tests;

public sealed class MarkdownReportTests
{
    private static readonly Ids Ids = new();

    [Fact]
    public void Fallback_incident_markdown_has_every_section_in_order()
    {
        var markdown = MarkdownReport.Render(ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids))));

        string[] sections =
        [
            "# Postmortem: checkout in production: v2 rolled back to v0, resolved", "## Summary", "## Timings", "## Suspect change", "## Signals",
            "## Decisions", "## Rollback chain", "## Metrics before and after", "## Timeline", "## Preventive actions",
        ];
        var positions = sections.Select(s => markdown.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Fallback_incident_markdown_shows_the_numbers()
    {
        var markdown = MarkdownReport.Render(ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids))));

        Assert.Contains("| Time to detect | 3m 10s | deploy (2024-05-02 10:00:00Z) → detected (2024-05-02 10:03:10Z) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Time to recover | 12m |", markdown, StringComparison.Ordinal);
        Assert.Contains("**v2 → v1 → v0**", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2 | v1 → v0 | completed | 2024-05-02 10:06:02Z | 2024-05-02 10:09:10Z | 3m 8s | 3m 6s | kubernetes |", markdown, StringComparison.Ordinal);
        Assert.Contains("| error_rate | > 0.05 | 0.12 | 0.12 | 0.01 |", markdown, StringComparison.Ordinal);
        Assert.Contains("- Commit: `2a1b2c3d4e5f60718293a4b5c6d7e8f9012345`", markdown, StringComparison.Ordinal);
        Assert.Contains("Cleared 2024-05-02 10:10:00Z: error_rate 0.01 ≤ 0.05, latency_p99_ms 700 ≤ 3000.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Escalated_incident_markdown_shows_the_failed_step_and_the_time_to_escalate()
    {
        var markdown = MarkdownReport.Render(ReportBuilder.Build(ReportInputs.From(Ids.Incident, Escalated(Ids))));

        Assert.Contains("| escalated (rollback-failed) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Time to escalate | 2m 56s | detected → escalated |", markdown, StringComparison.Ordinal);
        Assert.Contains("| failed (revision-pruned) |", markdown, StringComparison.Ordinal);
        Assert.Contains("revision 0 of shop/checkout was pruned (revisionHistoryLimit 2)", markdown, StringComparison.Ordinal);
        Assert.Contains("(`escalated`)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_events_cannot_break_a_table()
    {
        var messages = Fallback(Ids).Select(m => m is DecisionRecorded { Rule: "rollback.fallback" } d ? d with { Reason = "a | b\nc" } : m);

        var markdown = MarkdownReport.Render(ReportBuilder.Build(ReportInputs.From(Ids.Incident, messages)));

        Assert.Contains("| a \\| b c | automation |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_incident_markdown_says_it_is_a_draft()
    {
        var markdown = MarkdownReport.Render(ReportBuilder.Build(ReportInputs.From(Ids.Incident, Fallback(Ids).Take(6))));

        Assert.Contains("> Draft: the incident is still open", markdown, StringComparison.Ordinal);
    }
}
