namespace Remediation.Postmortem.Reports;

/// <summary>One rollback: requested, then completed or failed, with how long it took.</summary>
public sealed record RollbackStep
{
    public required Guid RequestId { get; init; }

    /// <summary>Position in the fallback chain: 1 for the first rollback.</summary>
    public int Depth { get; init; }

    public required string FromVersion { get; init; }

    public required string ToVersion { get; init; }

    /// <summary><c>completed</c>, <c>failed</c> or <c>pending</c>.</summary>
    public required string Outcome { get; init; }

    public DateTimeOffset? RequestedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Request to healthy (or to failure).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The driver's own rollout time, change to healthy.</summary>
    public TimeSpan? RolloutDuration { get; init; }

    public string? Driver { get; init; }

    public bool AlreadyAtTarget { get; init; }

    public string? Details { get; init; }

    public string? ReasonCode { get; init; }

    /// <summary>Why it was requested, or why it failed.</summary>
    public string? Reason { get; init; }

    public string? RequestedBy { get; init; }
}
