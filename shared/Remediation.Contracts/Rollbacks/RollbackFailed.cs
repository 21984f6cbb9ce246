namespace Remediation.Contracts.Rollbacks;

/// <summary>The executor could not roll the service back, or the rollout did not become healthy.</summary>
public sealed record RollbackFailed
{
    /// <summary>The request this answers.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>The incident.</summary>
    public required Guid IncidentId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The version that was running.</summary>
    public required string FromVersion { get; init; }

    /// <summary>The version that was asked for.</summary>
    public required string ToVersion { get; init; }

    /// <summary>The driver that tried.</summary>
    public required string Driver { get; init; }

    /// <summary>A machine-readable reason: <c>revision-pruned</c>, <c>paused</c>, <c>conflict</c>, <c>progress-deadline</c>, <c>target-error</c>, <c>no-driver</c>, ...</summary>
    public required string ReasonCode { get; init; }

    /// <summary>The reason in a sentence, with the target's own error where there was one.</summary>
    public required string Reason { get; init; }

    /// <summary>When the executor started acting.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
