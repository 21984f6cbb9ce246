namespace Remediation.Postmortem;

/// <summary>Thresholds of the preventive-action rules (see <see cref="Reports.PreventiveRules"/>).</summary>
public sealed class PreventiveRuleOptions
{
    /// <summary>A rollback step slower than this (request to healthy) suggests speeding up the rollout.</summary>
    public TimeSpan SlowRollout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A time to detect longer than this suggests tighter detection.</summary>
    public TimeSpan SlowDetection { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long after a deployment an anomaly is blamed on it when the policy does not say (its <c>rollback.window</c>
    /// wins): for the time to detect and for "a threshold breached right after every deploy".
    /// </summary>
    public TimeSpan DeployAttribution { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many latest deployments must each have breached for the "after every deploy" rule.</summary>
    public int RecentDeploys { get; set; } = 3;

    /// <summary>How many rollbacks away from one version make it a "rolled back repeatedly" version.</summary>
    public int RepeatedRollbacks { get; set; } = 2;
}
