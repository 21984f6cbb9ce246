namespace Remediation.Policy;

/// <summary>What to do about an anomaly outside a rollback window.</summary>
public sealed record RunbookPolicy
{
    /// <summary>Actions in order; the next runs only if the service is still anomalous after the settle period.</summary>
    public IReadOnlyList<RunbookStep> Steps { get; init; } = [];

    /// <summary>How long to watch the signals after each action.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMinutes(2);
}
