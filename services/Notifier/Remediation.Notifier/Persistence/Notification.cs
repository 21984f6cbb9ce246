using Remediation.Contracts.Signals;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Persistence;

/// <summary>One event for one channel: unique per (event, channel), delivered by the dispatcher with retries.</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public string EventKey { get; set; } = "";

    /// <summary>The configured channel's name.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The channel's type when the notification was created (slack, pagerduty, ...).</summary>
    public string ChannelType { get; set; } = "";

    public NotificationKind Kind { get; set; }

    public Guid? IncidentId { get; set; }

    public string OrderingKey { get; set; } = "";

    /// <summary>Delivery order within (ordering key, channel): the event's stage, then its time.</summary>
    public long Order { get; set; }

    public Severity Severity { get; set; }

    public NotificationStatus Status { get; set; }

    /// <summary>HTTP requests made for it so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Delivery runs so far (each run retries a few times in place before it is rescheduled).</summary>
    public int Runs { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? LastError { get; set; }

    public int? LastHttpStatus { get; set; }

    /// <summary>The notifier instance delivering it now, so that two instances never deliver it at once.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}
