using System.Text.Json;
using Remediation.Contracts.Decisions;
using Remediation.Persistence;

namespace Remediation.Decision.Records;

/// <summary>A stored decision: the columns to find it by, and the whole DecisionRecorded event as a document.</summary>
public sealed class DecisionRecord
{
    public Guid DecisionId { get; set; }

    public Guid? IncidentId { get; set; }

    public required string Environment { get; set; }

    public required string Service { get; set; }

    public required string Outcome { get; set; }

    public required string Rule { get; set; }

    public required string Reason { get; set; }

    public bool Shadow { get; set; }

    public string? TargetVersion { get; set; }

    public required string DecidedBy { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public required string Document { get; set; }

    public static DecisionRecord From(DecisionRecorded m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new DecisionRecord
        {
            DecisionId = m.DecisionId,
            IncidentId = m.IncidentId,
            Environment = m.Environment,
            Service = m.Service,
            Outcome = m.Outcome.ToString(),
            Rule = m.Rule,
            Reason = m.Reason,
            Shadow = m.Shadow,
            TargetVersion = m.TargetVersion,
            DecidedBy = m.DecidedBy,
            OccurredAt = m.OccurredAt,
            Document = JsonSerializer.Serialize(m, JsonColumns.Options),
        };
    }
}
