namespace Remediation.Contracts.Approvals;

/// <summary>
/// The decision service holds an action for a person's approval (the service's policy is <c>manual</c>). It waits until
/// <see cref="ExpiresAt"/>, then escalates.
/// </summary>
public sealed record ApprovalRequested
{
    /// <summary>Identity of the approval; approve or reject it by this id.</summary>
    public required Guid ApprovalId { get; init; }

    /// <summary>The incident.</summary>
    public required Guid IncidentId { get; init; }

    /// <summary>The decision waiting for approval.</summary>
    public Guid? DecisionId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The action to approve: <c>rollback</c> or a runbook action.</summary>
    public required string Action { get; init; }

    /// <summary>The version running, for a rollback.</summary>
    public string? FromVersion { get; init; }

    /// <summary>The version to roll back to, for a rollback.</summary>
    public string? ToVersion { get; init; }

    /// <summary>Why the action is proposed, in a sentence.</summary>
    public required string Reason { get; init; }

    /// <summary>When the approval times out.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
