namespace Remediation.Policy;

/// <summary>When signals of a service make an anomaly.</summary>
public sealed record DetectionPolicy
{
    /// <summary>Independent breaching signals needed for an anomaly.</summary>
    public int Quorum { get; init; } = 2;

    /// <summary>Thresholds by signal name.</summary>
    public IReadOnlyDictionary<string, ThresholdPolicy> Thresholds { get; init; } = new Dictionary<string, ThresholdPolicy>();

    /// <summary>A signal that recovers and breaches again within this period counts as one breach (flap suppression).</summary>
    public TimeSpan FlapSuppression { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive breaching evaluations of a pulled check before it counts.</summary>
    public int ConsecutiveBreaches { get; init; } = 1;

    /// <summary>PromQL checks the detector runs against Prometheus for this service.</summary>
    public IReadOnlyList<HealthCheckPolicy> Checks { get; init; } = [];
}
