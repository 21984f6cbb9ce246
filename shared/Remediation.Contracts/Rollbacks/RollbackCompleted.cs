namespace Remediation.Contracts.Rollbacks;

/// <summary>The executor rolled the service back and the rollout is healthy.</summary>
public sealed record RollbackCompleted
{
    /// <summary>The request this completes.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>The incident.</summary>
    public required Guid IncidentId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The version that was running before.</summary>
    public required string FromVersion { get; init; }

    /// <summary>The version running now.</summary>
    public required string ToVersion { get; init; }

    /// <summary>The driver that acted: <c>kubernetes</c>, <c>haproxy</c>, <c>webhook</c>, ...</summary>
    public required string Driver { get; init; }

    /// <summary>True when the target was already at <see cref="ToVersion"/> and nothing was changed.</summary>
    public bool AlreadyAtTarget { get; init; }

    /// <summary>What the driver did, in a sentence (revision numbers, servers switched, ...).</summary>
    public string? Details { get; init; }

    /// <summary>When the executor started acting.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the rollout was observed healthy.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>How long the rollout took from the change to healthy.</summary>
    public TimeSpan RolloutDuration { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
