namespace Remediation.Notifier.Api;

/// <summary>One notification: an event for a channel, where its delivery stands, and every attempt.</summary>
public sealed record NotificationView
{
    public required long Id { get; init; }

    public required string Channel { get; init; }

    public required string ChannelType { get; init; }

    public required string Event { get; init; }

    public required string EventKey { get; init; }

    public Guid? IncidentId { get; init; }

    public required string Severity { get; init; }

    /// <summary><c>pending</c>, <c>delivered</c>, <c>failed</c> or <c>skipped</c>.</summary>
    public required string Status { get; init; }

    public string? Title { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the next run is due, while pending.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public int? LastHttpStatus { get; init; }

    public string? LastError { get; init; }

    /// <summary>What the channel's service gave back for the incident (issue key, sys_id, Statuspage incident id).</summary>
    public ReferenceView? Reference { get; init; }

    public IReadOnlyList<AttemptView> AttemptLog { get; init; } = [];
}
