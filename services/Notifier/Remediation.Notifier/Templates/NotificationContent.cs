using Remediation.Contracts.Signals;

namespace Remediation.Notifier.Templates;

/// <summary>
/// What to say about one lifecycle event, independent of the channel: each channel renders it in its own format (Block
/// Kit, Adaptive Card, PagerDuty payload, ticket text). Built once when the event is consumed and stored with it.
/// </summary>
public sealed record NotificationContent
{
    public required NotificationKind Kind { get; init; }

    /// <summary>The event's identity (deduplication key).</summary>
    public required string EventKey { get; init; }

    public Guid? IncidentId { get; init; }

    public required string Environment { get; init; }

    public required string Service { get; init; }

    /// <summary>The severity the event itself carries (IncidentOpened, IncidentEscalated); others take their incident's.</summary>
    public Severity? Severity { get; init; }

    /// <summary>One line, for example "checkout (production): rolled back v2 → v1".</summary>
    public required string Title { get; init; }

    /// <summary>A sentence or two in plain text.</summary>
    public required string Summary { get; init; }

    /// <summary>Why, as the decision service put it; quoted by every template.</summary>
    public string? Reason { get; init; }

    public IReadOnlyList<Fact> Facts { get; init; } = [];

    public IReadOnlyList<SignalObservation> Signals { get; init; } = [];

    public string? FromVersion { get; init; }

    public string? ToVersion { get; init; }

    /// <summary>The versions the incident went through, oldest first.</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];

    public Tone Tone { get; init; }

    /// <summary>For a runbook <c>notify</c> step: the one channel it names (routing goes only there).</summary>
    public string? TargetChannel { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}
