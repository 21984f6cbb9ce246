namespace Remediation.Contracts.Rollbacks;

/// <summary>
/// The decision service asks the executor to roll a service back to an earlier version. The executor acts at most once
/// per <see cref="RequestId"/>, whatever the number of deliveries.
/// </summary>
public sealed record RollbackRequested
{
    /// <summary>Identity of the request; the executor's idempotency key, echoed by the outcome events.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>The incident.</summary>
    public required Guid IncidentId { get; init; }

    /// <summary>The decision that asked for it.</summary>
    public Guid? DecisionId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The version believed to be running (the bad one).</summary>
    public required string FromVersion { get; init; }

    /// <summary>The version to roll back to.</summary>
    public required string ToVersion { get; init; }

    /// <summary>The target's own revision of <see cref="ToVersion"/> (a Kubernetes Deployment revision), when known.</summary>
    public string? ToRevision { get; init; }

    /// <summary>The container image of <see cref="ToVersion"/>, when known.</summary>
    public string? ToImage { get; init; }

    /// <summary>Position in the incident's fallback chain: 1 for the first rollback, 2 for the next, ...</summary>
    public int Depth { get; init; } = 1;

    /// <summary>Why, in a sentence (stamped on the target where the driver can, for example in an annotation).</summary>
    public required string Reason { get; init; }

    /// <summary>Who asked: <c>automation</c> or the authenticated name of a person.</summary>
    public string RequestedBy { get; init; } = "automation";

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
