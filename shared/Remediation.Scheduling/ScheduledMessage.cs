namespace Remediation.Scheduling;

/// <summary>
/// A message waiting for its time: the serialized envelope as MassTransit produced it, where it goes, and the token
/// (the schedule's id) that a state machine compares with the one it stored.
/// </summary>
public sealed class ScheduledMessage
{
    /// <summary>The schedule token (<c>ScheduleMessage.CorrelationId</c>); cancelling uses it.</summary>
    public Guid TokenId { get; set; }

    public required string Destination { get; set; }

    public required string ContentType { get; set; }

    public required string Body { get; set; }

    public required string MessageTypes { get; set; }

    public Guid? MessageId { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Failed attempts to send it (the broker was down, the destination refused).</summary>
    public int Attempts { get; set; }

    /// <summary>The due time of a MassTransit schedule, whose <see cref="DateTime"/> is UTC whatever its kind says.</summary>
    public static DateTimeOffset DueAtOf(DateTime scheduledTime) => new(DateTime.SpecifyKind(scheduledTime, DateTimeKind.Utc));
}
