namespace Remediation.Decision;

/// <summary>Decision service settings. Bound from <c>Remediation:Decision</c>; per-service timings come from the policy.</summary>
public sealed class DecisionOptions
{
    public const string Section = "Remediation:Decision";

    /// <summary>Deployments remembered per service (older ones are dropped; their health verdicts are kept).</summary>
    public int DeploymentHistoryLimit { get; set; } = 50;

    /// <summary>Handled message ids remembered per service for deduplication.</summary>
    public int DeduplicationWindow { get; set; } = 200;

    /// <summary>Partitions of the saga endpoint: messages of one service are handled one at a time, services in parallel.</summary>
    public int PartitionCount { get; set; } = 64;
}
