namespace Remediation.Notifier.Persistence;

/// <summary>Where a notification stands. Stored as its name.</summary>
public enum NotificationStatus
{
    /// <summary>Waiting for its first delivery or for its next run.</summary>
    Pending = 0,

    /// <summary>The channel accepted it.</summary>
    Delivered = 1,

    /// <summary>The channel refused it, or it kept failing until the notifier gave up.</summary>
    Failed = 2,

    /// <summary>The channel had nothing to do (for example a resolve for a page that was never opened).</summary>
    Skipped = 3,
}
