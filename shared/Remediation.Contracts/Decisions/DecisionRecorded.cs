using Remediation.Contracts.Signals;

namespace Remediation.Contracts.Decisions;

/// <summary>
/// The decision service decided something about a service, acting or not, and says why: the rule that decided, the
/// signals it saw, the versions it considered and the timers it set. Notifications and reports quote it.
/// Consumers deduplicate by <see cref="DecisionId"/>.
/// </summary>
public sealed record DecisionRecorded
{
    /// <summary>Identity of the decision.</summary>
    public required Guid DecisionId { get; init; }

    /// <summary>The incident the decision belongs to, when there is one.</summary>
    public Guid? IncidentId { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>What was decided.</summary>
    public required DecisionOutcome Outcome { get; init; }

    /// <summary>The rule that decided, as a stable code (for example <c>rollback.inside-window</c>, <c>guard.cooldown</c>).</summary>
    public required string Rule { get; init; }

    /// <summary>The decision in a sentence, for example "rolled back to v1 because error_rate 0.12 &gt; 0.05 four minutes after v2 was deployed".</summary>
    public required string Reason { get; init; }

    /// <summary>True when the service runs in shadow mode: the decision was recorded and nothing was executed.</summary>
    public bool Shadow { get; init; }

    /// <summary>The state of the service's saga when it decided.</summary>
    public string? State { get; init; }

    /// <summary>The signals the decision saw.</summary>
    public IReadOnlyList<SignalObservation> Signals { get; init; } = [];

    /// <summary>The versions considered as rollback targets, newest first, and why each was or was not eligible.</summary>
    public IReadOnlyList<VersionCandidate> VersionsConsidered { get; init; } = [];

    /// <summary>The timers the decision set.</summary>
    public IReadOnlyList<TimerSet> Timers { get; init; } = [];

    /// <summary>The version the decision targets, when it targets one.</summary>
    public string? TargetVersion { get; init; }

    /// <summary>Who decided: <c>automation</c> or the authenticated name of a person.</summary>
    public string DecidedBy { get; init; } = "automation";

    /// <summary>When the decision was made.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
