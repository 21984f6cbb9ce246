namespace Remediation.Notifier.Channels;

/// <summary>
/// Retries of a failing delivery. A run retries in place <see cref="MaxRetries"/> times with exponential backoff and
/// jitter (Retry-After wins when the service sends it and it is at most <see cref="MaxDelay"/>); a run that still fails
/// is rescheduled (from <see cref="RescheduleDelay"/>, doubling up to <see cref="MaxRescheduleDelay"/>, or at the
/// Retry-After time) until <see cref="GiveUpAfter"/> has passed since the notification was created.
/// </summary>
public sealed class ChannelRetryOptions
{
    public int MaxRetries { get; set; } = 3;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RescheduleDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRescheduleDelay { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(2);
}
