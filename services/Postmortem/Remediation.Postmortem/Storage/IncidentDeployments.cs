using Microsoft.EntityFrameworkCore;

namespace Remediation.Postmortem.Storage;

/// <summary>The deployments that belong to an incident's timeline: its suspect change and any made while it lasted.</summary>
internal static class IncidentDeployments
{
    public static async Task<List<DeploymentRow>> ForAsync(PostmortemDbContext db, IncidentRow incident, CancellationToken ct)
    {
        var deployments = await db.Deployments.AsNoTracking()
            .Where(d => d.Environment == incident.Environment && d.Service == incident.Service)
            .Where(d => d.Id == incident.SuspectDeploymentId ||
                        (d.DeployedAt >= incident.WindowStart && (incident.EndedAt == null || d.DeployedAt <= incident.EndedAt)))
            .ToListAsync(ct);

        // An incident that named its suspect by version only points at the latest deployment of it before it opened.
        if (incident.SuspectDeploymentId is null && incident.SuspectVersion is not null)
        {
            deployments.AddRange(await db.Deployments.AsNoTracking()
                .Where(d => d.Environment == incident.Environment && d.Service == incident.Service && d.Version == incident.SuspectVersion &&
                            d.DeployedAt <= incident.OpenedAt)
                .OrderByDescending(d => d.DeployedAt).Take(1).ToListAsync(ct));
        }

        return [.. deployments.DistinctBy(d => d.Id).OrderBy(d => d.DeployedAt)];
    }
}
