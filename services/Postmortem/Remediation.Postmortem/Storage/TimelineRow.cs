namespace Remediation.Postmortem.Storage;

/// <summary>One recorded lifecycle message (<c>postmortem_timeline</c>): the timeline of the incident it is attached to.</summary>
public sealed class TimelineRow
{
    /// <summary>Arrival order.</summary>
    public long Id { get; set; }

    /// <summary>Type and message id; unique, so a redelivered message is recorded once.</summary>
    public required string EventKey { get; set; }

    public required string Type { get; set; }

    public required string Environment { get; set; }

    public required string Service { get; set; }

    /// <summary>The incident it belongs to; null while an anomaly or decision waits for one.</summary>
    public Guid? IncidentId { get; set; }

    /// <summary>How it was attached: <c>incident</c>, <c>anomaly</c> or <c>time</c> (see <see cref="Incidents.Attachment"/>).</summary>
    public string? AttachedBy { get; set; }

    public Guid? AnomalyId { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The time attachment uses.</summary>
    public DateTimeOffset AttachAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public required string Summary { get; set; }

    /// <summary>The message as JSON (jsonb on PostgreSQL).</summary>
    public required string Detail { get; set; }
}
