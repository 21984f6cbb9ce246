namespace Remediation.Postmortem.Storage;

/// <summary>An incident's written report (<c>postmortem_reports</c>), in both formats.</summary>
public sealed class ReportRow
{
    public Guid IncidentId { get; set; }

    /// <summary>The incident's <see cref="IncidentRow.Revision"/> the report was built from; a later revision rewrites it.</summary>
    public long BuiltFromRevision { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    public required string Markdown { get; set; }

    /// <summary>The report as JSON (jsonb on PostgreSQL).</summary>
    public required string Json { get; set; }
}
