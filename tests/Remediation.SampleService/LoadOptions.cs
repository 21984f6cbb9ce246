namespace Remediation.SampleService;

/// <summary>The load generator's settings (<c>Sample:Load</c>): an open loop, at a steady rate, to each target.</summary>
public sealed class LoadOptions
{
    /// <summary>URLs to send <c>GET</c> requests to (HAProxy frontends).</summary>
    public List<string> Targets { get; set; } = [];

    /// <summary>Requests per second to each target, whatever the answers take (an open loop, as real users are).</summary>
    public double RatePerSecond { get; set; } = 20;

    public int TimeoutMs { get; set; } = 10_000;

    /// <summary>Requests in flight per target beyond which the generator skips (and counts) requests rather than pile up.</summary>
    public int MaxInFlight { get; set; } = 1_000;
}
