namespace Remediation.Executor.Drivers.Haproxy;

/// <summary>How the executor talks to HAProxy's Runtime API. Bound from <c>Remediation:Executor:Haproxy</c>.</summary>
public sealed class HaproxyOptions
{
    /// <summary>How long one Runtime API command may take (connect, send, read the answer).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a server leaving service is drained (no new traffic, in-flight sessions finish) before maintenance; zero goes straight to maintenance.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a server traffic moves to may take to come up (health checks) before the switch is abandoned.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often HAProxy's view is read while waiting.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
