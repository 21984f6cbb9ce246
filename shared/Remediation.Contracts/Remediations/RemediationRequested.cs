namespace Remediation.Contracts.Remediations;

/// <summary>The decision service asks the executor to run one runbook action. Idempotent per <see cref="RequestId"/>.</summary>
public sealed record RemediationRequested
{
    /// <summary>Identity of the request; the executor's idempotency key.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>The incident.</summary>
    public required Guid IncidentId { get; init; }

    /// <summary>The decision that asked for it.</summary>
    public Guid? DecisionId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The action: <c>restart</c>, <c>scale</c>, <c>failover</c> or <c>notify</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The action's parameters from the policy (for example <c>replicas</c>, <c>factor</c>, <c>to</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The action's position in the runbook, from 1.</summary>
    public int Step { get; init; } = 1;

    /// <summary>Why, in a sentence.</summary>
    public required string Reason { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
