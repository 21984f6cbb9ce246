namespace Remediation.Contracts.Remediations;

/// <summary>The executor ran a runbook action.</summary>
public sealed record RemediationCompleted
{
    /// <summary>The request this completes.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>The incident.</summary>
    public required Guid IncidentId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The action that ran.</summary>
    public required string Action { get; init; }

    /// <summary>The action's position in the runbook.</summary>
    public int Step { get; init; } = 1;

    /// <summary>What the driver did, in a sentence.</summary>
    public string? Details { get; init; }

    /// <summary>How long the action took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
