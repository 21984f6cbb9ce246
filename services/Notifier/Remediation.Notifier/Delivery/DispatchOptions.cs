namespace Remediation.Notifier.Delivery;

/// <summary>How the background dispatcher works. Bound from <c>Remediation:Notifier:Dispatch</c>.</summary>
public sealed class DispatchOptions
{
    /// <summary>The longest the dispatcher sleeps (it wakes at once when this instance stores a notification).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Notifications examined per pass.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long an instance holds a notification it is delivering before another instance may take it over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an event of an incident the notifier has not seen opened waits for its <c>IncidentOpened</c> (which
    /// carries the severity that routes it) before it is routed as <c>major</c>.
    /// </summary>
    public TimeSpan RoutingGrace { get; set; } = TimeSpan.FromSeconds(10);
}
