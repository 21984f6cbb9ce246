namespace Remediation.Policy;

/// <summary>A PromQL instant query the detector evaluates at an interval for a service.</summary>
public sealed record HealthCheckPolicy
{
    /// <summary>The signal this check produces (its threshold comes from the service's thresholds unless set here).</summary>
    public required string Signal { get; init; }

    public required string Query { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(15);

    public ThresholdPolicy? Threshold { get; init; }

    /// <summary>What an empty result means.</summary>
    public NoDataPolicy NoData { get; init; } = NoDataPolicy.Inconclusive;

    public int ConsecutiveBreaches { get; init; } = 1;
}
