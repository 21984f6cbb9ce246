namespace Remediation.Contracts.Incidents;

/// <summary>The incident is over: the signals cleared or the verification period passed on a healthy version.</summary>
public sealed record IncidentResolved
{
    /// <summary>The incident.</summary>
    public required Guid IncidentId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The version running and verified healthy at resolution, when known.</summary>
    public string? ResolvedVersion { get; init; }

    /// <summary>The versions the incident went through, oldest first (for example <c>v2, v1, v0</c>).</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];

    /// <summary>How it resolved: <c>verified</c> (verification period passed), <c>cleared</c> (the signals recovered), <c>remediated</c> or <c>manual</c>.</summary>
    public required string Resolution { get; init; }

    /// <summary>When the incident was opened.</summary>
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>When it resolved.</summary>
    public required DateTimeOffset ResolvedAt { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
