namespace Remediation.Postmortem.Reports;

/// <summary>An action held for a person's approval, and what they decided.</summary>
public sealed record ReportApproval
{
    public required Guid ApprovalId { get; init; }

    public required string Action { get; init; }

    public DateTimeOffset? RequestedAt { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Null while undecided.</summary>
    public bool? Approved { get; init; }

    public string? DecidedBy { get; init; }

    public string? Comment { get; init; }

    /// <summary>How long the action waited for the person.</summary>
    public TimeSpan? Waited { get; init; }
}
