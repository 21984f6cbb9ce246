namespace Remediation.Decision.StateMachines;

/// <summary>The action the saga asked for (or holds for approval) and waits to hear about.</summary>
public sealed record PendingAction
{
    /// <summary>The request id sent to the executor (its idempotency key).</summary>
    public required Guid RequestId { get; init; }

    /// <summary><c>rollback</c> or a runbook action.</summary>
    public required string Action { get; init; }

    public string? FromVersion { get; init; }

    public string? ToVersion { get; init; }

    public string? ToRevision { get; init; }

    public string? ToImage { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public Guid? DecisionId { get; init; }

    public Guid? ApprovalId { get; init; }

    public required string Reason { get; init; }

    public string RequestedBy { get; init; } = "automation";

    public DateTimeOffset RequestedAt { get; init; }
}
