using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Stats;

/// <summary>Computes <see cref="ServiceStats"/> from deployments and incidents. Pure.</summary>
public static class StatsCalculator
{
    /// <param name="deployments">Deployments of the services asked about (any range; only those in range are counted).</param>
    /// <param name="incidents">Their opened incidents: every one that may mark a deployment in range as failed (opened after <paramref name="from"/>).</param>
    /// <param name="from">Start of the range, inclusive; null for no start.</param>
    /// <param name="to">End of the range, inclusive; null for no end.</param>
    /// <param name="perService">Also compute the figures per (environment, service).</param>
    public static ServiceStats Compute(
        IReadOnlyList<DeploymentFact> deployments, IReadOnlyList<IncidentFact> incidents, DateTimeOffset? from, DateTimeOffset? to, bool perService)
    {
        var total = ComputeOne(deployments, incidents, from, to) with { From = from, To = to };
        if (!perService)
            return total;

        var keys = deployments.Where(d => InRange(d.DeployedAt, from, to)).Select(d => (d.Environment, d.Service))
            .Concat(incidents.Where(i => InRange(i.OpenedAt, from, to)).Select(i => (i.Environment, i.Service)))
            .Distinct().OrderBy(k => k.Environment, StringComparer.Ordinal).ThenBy(k => k.Service, StringComparer.Ordinal);
        return total with
        {
            Services = [.. keys.Select(k => ComputeOne(
                [.. deployments.Where(d => d.Environment == k.Environment && d.Service == k.Service)],
                [.. incidents.Where(i => i.Environment == k.Environment && i.Service == k.Service)], from, to) with
            {
                Environment = k.Environment,
                Service = k.Service,
            })],
        };
    }

    private static ServiceStats ComputeOne(IReadOnlyList<DeploymentFact> deployments, IReadOnlyList<IncidentFact> incidents, DateTimeOffset? from, DateTimeOffset? to)
    {
        var counted = deployments.Where(d => InRange(d.DeployedAt, from, to)).DistinctBy(d => d.Id).ToList();
        var failed = FailedDeploymentIds(deployments, incidents);
        var opened = incidents.Where(i => InRange(i.OpenedAt, from, to)).DistinctBy(i => i.Id).ToList();
        var failedCount = counted.Count(d => failed.Contains(d.Id));

        return new ServiceStats
        {
            Deployments = counted.Count,
            FailedDeployments = failedCount,
            ChangeFailureRate = counted.Count == 0 ? null : Math.Round((double)failedCount / counted.Count, 4),
            Incidents = opened.Count,
            OpenIncidents = opened.Count(i => i.State == IncidentState.Open),
            ResolvedIncidents = opened.Count(i => i.State == IncidentState.Resolved),
            EscalatedIncidents = opened.Count(i => i.State == IncidentState.Escalated),
            Rollbacks = opened.Sum(i => i.Rollbacks),
            FailedRollbacks = opened.Sum(i => i.FailedRollbacks),
            MeanTimeToDetect = Mean(opened.Select(i => i.TimeToDetect)),
            MeanTimeToAct = Mean(opened.Select(i => i.TimeToAct)),
            MeanTimeToRecover = Mean(opened.Where(i => i.State == IncidentState.Resolved).Select(i => i.TimeToRecover)),
        };
    }

    /// <summary>
    /// Deployments that led to a rollback: the suspect change of an incident that requested at least one. An incident that
    /// names its suspect without a deployment id points at the latest deployment of that version before it opened.
    /// </summary>
    public static HashSet<Guid> FailedDeploymentIds(IReadOnlyList<DeploymentFact> deployments, IReadOnlyList<IncidentFact> incidents)
    {
        var failed = new HashSet<Guid>();
        foreach (var incident in incidents.Where(i => i.Rollbacks > 0))
        {
            if (incident.SuspectDeploymentId is { } id)
            {
                failed.Add(id);
                continue;
            }

            if (incident.SuspectVersion is null)
                continue;
            var match = deployments
                .Where(d => d.Environment == incident.Environment && d.Service == incident.Service && d.Version == incident.SuspectVersion && d.DeployedAt <= incident.OpenedAt)
                .MaxBy(d => d.DeployedAt);
            if (match is not null)
                failed.Add(match.Id);
        }

        return failed;
    }

    private static bool InRange(DateTimeOffset at, DateTimeOffset? from, DateTimeOffset? to) => (from is null || at >= from) && (to is null || at <= to);

    private static TimeSpan? Mean(IEnumerable<TimeSpan?> values)
    {
        var known = values.OfType<TimeSpan>().ToList();
        return known.Count == 0 ? null : TimeSpan.FromSeconds(Math.Round(known.Average(v => v.TotalSeconds), 3));
    }
}
