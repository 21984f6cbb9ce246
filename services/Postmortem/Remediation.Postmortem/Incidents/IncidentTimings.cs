namespace Remediation.Postmortem.Incidents;

/// <summary>The incident's clock: when it was detected and how long detection, action and recovery took.</summary>
public sealed record IncidentTimings
{
    /// <summary>When the anomaly was detected (the quorum was met).</summary>
    public DateTimeOffset? DetectedAt { get; init; }

    /// <summary>What the time to detect counts from: the suspect deployment or the first breach.</summary>
    public DateTimeOffset? DetectionStart { get; init; }

    /// <summary><c>deploy</c> or <c>first-breach</c>; null when neither is known.</summary>
    public string? DetectionStartKind { get; init; }

    /// <summary>Deploy (or first breach) to detection.</summary>
    public TimeSpan? TimeToDetect { get; init; }

    /// <summary>When the first action (rollback, or runbook step when there was no rollback) was requested.</summary>
    public DateTimeOffset? FirstActionAt { get; init; }

    /// <summary>Detection to the first action requested.</summary>
    public TimeSpan? TimeToAct { get; init; }

    /// <summary>Detection to resolution; null unless resolved.</summary>
    public TimeSpan? TimeToRecover { get; init; }

    /// <summary>Detection to escalation; null unless escalated.</summary>
    public TimeSpan? TimeToEscalate { get; init; }
}
