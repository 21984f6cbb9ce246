namespace Remediation.Postmortem.Reports;

/// <summary>One runbook action (restart, scale, fail over) and how it went.</summary>
public sealed record RunbookStepReport
{
    public required Guid RequestId { get; init; }

    public int Step { get; init; }

    public required string Action { get; init; }

    /// <summary><c>completed</c>, <c>failed</c> or <c>pending</c>.</summary>
    public required string Outcome { get; init; }

    public DateTimeOffset? RequestedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public TimeSpan? Duration { get; init; }

    public string? Details { get; init; }
}
