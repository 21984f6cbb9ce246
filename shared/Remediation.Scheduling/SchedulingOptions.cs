namespace Remediation.Scheduling;

/// <summary>How the durable scheduler dispatches. Bound from <c>Remediation:Scheduling</c>.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Remediation:Scheduling";

    /// <summary>
    /// The longest the dispatcher sleeps without looking at the table. It wakes earlier for its own next due message and
    /// whenever this instance stores a new one; this bound only matters for messages another instance stored and could
    /// not send (it stopped), which a survivor then sends at most this late.
    /// </summary>
    public TimeSpan MaxIdle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Due messages claimed per round.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Pause after a failed send before trying again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
