using Remediation.Contracts.Signals;

namespace Remediation.Contracts.Incidents;

/// <summary>
/// Automation stopped for the service and humans take over: the fallback chain is exhausted, the depth limit was
/// reached, a rollback failed, the deployment is irreversible, an approval timed out, or an anomaly came during the
/// cooldown. Automation stays paused until a person resumes it.
/// </summary>
public sealed record IncidentEscalated
{
    /// <summary>The incident.</summary>
    public required Guid IncidentId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The severity at escalation (at least the incident's).</summary>
    public Severity Severity { get; init; } = Severity.Critical;

    /// <summary>A machine-readable reason: <c>chain-exhausted</c>, <c>depth-limit</c>, <c>rollback-failed</c>, <c>irreversible</c>, <c>approval-timeout</c>, <c>cooldown</c>, <c>executor-timeout</c>, <c>runbook-exhausted</c>, ...</summary>
    public required string ReasonCode { get; init; }

    /// <summary>The reason in a sentence a person can act on.</summary>
    public required string Reason { get; init; }

    /// <summary>The versions the incident went through, oldest first (for example <c>v2, v1</c>).</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];

    /// <summary>The version running at escalation, when known.</summary>
    public string? CurrentVersion { get; init; }

    /// <summary>The decision that escalated.</summary>
    public Guid? DecisionId { get; init; }

    /// <summary>When this event was produced.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
