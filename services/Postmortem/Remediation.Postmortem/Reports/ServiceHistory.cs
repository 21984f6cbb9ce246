using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Rollbacks;

namespace Remediation.Postmortem.Reports;

/// <summary>What is known of the service beyond this incident, for the preventive-action rules.</summary>
public sealed record ServiceHistory
{
    /// <summary>The service's deployments, any order.</summary>
    public IReadOnlyList<DeploymentRecorded> Deployments { get; init; } = [];

    /// <summary>Every rollback requested for the service, this incident's included.</summary>
    public IReadOnlyList<RollbackRequested> Rollbacks { get; init; } = [];

    /// <summary>Every anomaly detected for the service.</summary>
    public IReadOnlyList<AnomalyDetected> Anomalies { get; init; } = [];

    public static ServiceHistory Empty { get; } = new();
}
