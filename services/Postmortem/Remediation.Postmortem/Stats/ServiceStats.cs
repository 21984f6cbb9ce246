namespace Remediation.Postmortem.Stats;

/// <summary>Delivery and recovery figures for a set of services over a time range (see docs/postmortem.md for the definitions).</summary>
public sealed record ServiceStats
{
    /// <summary>The environment, when the figures are for one.</summary>
    public string? Environment { get; init; }

    /// <summary>The service, when the figures are for one.</summary>
    public string? Service { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>Deployments recorded in the range.</summary>
    public int Deployments { get; init; }

    /// <summary>Deployments in the range that were the suspect change of an incident with at least one rollback.</summary>
    public int FailedDeployments { get; init; }

    /// <summary><see cref="FailedDeployments"/> / <see cref="Deployments"/>; null without deployments.</summary>
    public double? ChangeFailureRate { get; init; }

    /// <summary>Incidents opened in the range.</summary>
    public int Incidents { get; init; }

    public int OpenIncidents { get; init; }

    public int ResolvedIncidents { get; init; }

    public int EscalatedIncidents { get; init; }

    /// <summary>Rollbacks requested by the incidents opened in the range.</summary>
    public int Rollbacks { get; init; }

    public int FailedRollbacks { get; init; }

    /// <summary>Mean time to detect over the incidents where it is known.</summary>
    public TimeSpan? MeanTimeToDetect { get; init; }

    /// <summary>Mean time from detection to the first action requested.</summary>
    public TimeSpan? MeanTimeToAct { get; init; }

    /// <summary>Mean time from detection to resolution, over the resolved incidents.</summary>
    public TimeSpan? MeanTimeToRecover { get; init; }

    /// <summary>The same figures per (environment, service), for a request over several services.</summary>
    public IReadOnlyList<ServiceStats>? Services { get; init; }
}
