namespace Remediation.Notifier.Channels;

/// <summary>A token bucket per channel. Unset values take the type's default (from the service's documented limits).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests per second on average.</summary>
    public double? PerSecond { get; set; }

    /// <summary>Requests that may go at once after a quiet period.</summary>
    public int? Burst { get; set; }
}
