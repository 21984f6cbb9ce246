namespace Remediation.Contracts.Approvals;

/// <summary>A person approved or rejected a held action.</summary>
public sealed record ApprovalDecided
{
    /// <summary>The approval.</summary>
    public required Guid ApprovalId { get; init; }

    /// <summary>The incident.</summary>
    public required Guid IncidentId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>True when approved, false when rejected.</summary>
    public required bool Approved { get; init; }

    /// <summary>The authenticated name of the person who decided.</summary>
    public required string DecidedBy { get; init; }

    /// <summary>Their comment, when they gave one.</summary>
    public string? Comment { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
