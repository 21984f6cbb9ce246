namespace Remediation.Contracts.Decisions;

/// <summary>A durable timer a decision set.</summary>
public sealed record TimerSet
{
    /// <summary>The timer: <c>verification</c>, <c>executor-timeout</c>, <c>cooldown</c>, <c>approval-timeout</c>, <c>settle</c>, <c>soak</c>.</summary>
    public required string Name { get; init; }

    /// <summary>When it fires.</summary>
    public required DateTimeOffset DueAt { get; init; }
}
