namespace Remediation.Contracts.Remediations;

/// <summary>The executor could not run a runbook action.</summary>
public sealed record RemediationFailed
{
    /// <summary>The request this answers.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>The incident.</summary>
    public required Guid IncidentId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The action that failed.</summary>
    public required string Action { get; init; }

    /// <summary>The action's position in the runbook.</summary>
    public int Step { get; init; } = 1;

    /// <summary>A machine-readable reason.</summary>
    public required string ReasonCode { get; init; }

    /// <summary>The reason in a sentence.</summary>
    public required string Reason { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
