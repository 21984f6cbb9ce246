namespace Remediation.Postmortem.Events;

/// <summary>
/// One lifecycle message as the postmortem service keeps it: the message itself and what it needs to deduplicate,
/// attach and order it. Built by <see cref="LifecycleEvents.Describe"/>.
/// </summary>
public sealed record LifecycleEvent
{
    /// <summary>The message type's name, for example <c>RollbackRequested</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The deduplication key: the type and the message's own id (<c>RollbackRequested:&lt;RequestId&gt;</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The incident the message names; null for anomalies and decisions that name none.</summary>
    public Guid? IncidentId { get; init; }

    /// <summary>The anomaly the message names (anomaly events and <c>IncidentOpened</c>).</summary>
    public Guid? AnomalyId { get; init; }

    /// <summary>The environment, normalised (trimmed, lower case).</summary>
    public required string Environment { get; init; }

    /// <summary>The service, normalised (trimmed, lower case).</summary>
    public required string Service { get; init; }

    /// <summary>When it happened in the world (detected, completed, resolved, ...), which orders the timeline.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The time by which an event that names no incident is attached to one (an anomaly's detection time).</summary>
    public required DateTimeOffset AttachAt { get; init; }

    /// <summary>One line for the timeline.</summary>
    public required string Summary { get; init; }

    /// <summary>The message (a record from Remediation.Contracts).</summary>
    public required object Message { get; init; }

    /// <summary>Arrival order, to order events of the same time stably.</summary>
    public long Sequence { get; init; }
}
