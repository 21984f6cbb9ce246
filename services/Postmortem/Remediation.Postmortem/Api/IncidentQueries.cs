using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Remediation.Postmortem.Events;
using Remediation.Postmortem.Stats;
using Remediation.Postmortem.Storage;

namespace Remediation.Postmortem.Api;

/// <summary>The read side of the API: incidents, timelines, stored reports and the facts statistics are computed from.</summary>
public sealed class IncidentQueries(IDbContextFactory<PostmortemDbContext> contexts)
{
    public async Task<PageView<IncidentView>> ListAsync(IncidentFilter filter, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Incidents.AsNoTracking().Where(i => i.Opened);
        if (filter.Environment is { } environment)
            query = query.Where(i => i.Environment == environment);
        if (filter.Service is { } service)
            query = query.Where(i => i.Service == service);
        if (filter.State is { } state)
            query = query.Where(i => i.State == state);
        if (filter.From is { } from)
            query = query.Where(i => i.OpenedAt >= from);
        if (filter.To is { } to)
            query = query.Where(i => i.OpenedAt <= to);

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(i => i.OpenedAt).ThenBy(i => i.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(ct);
        return new PageView<IncidentView>([.. rows.Select(IncidentView.From)], filter.Page, filter.PageSize, total);
    }

    public async Task<IncidentDetailView?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.Opened, ct);
        if (incident is null)
            return null;

        var rows = await db.Timeline.AsNoTracking().Where(t => t.IncidentId == id).OrderBy(t => t.Id).ToListAsync(ct);
        var deployments = await IncidentDeployments.ForAsync(db, incident, ct);
        var entries = rows.Select(r => (Event: r.ToEvent(), AttachedBy: r.AttachedBy ?? "", r.Detail))
            .Concat(deployments.Select(d => d.ToMessage()).Select(m => (Event: LifecycleEvents.Describe(m), AttachedBy: "deployment", Detail: LifecycleEvents.Serialize(m))));
        var timeline = entries
            .OrderBy(x => x.Event.At).ThenBy(x => LifecycleEvents.Rank(x.Event.Type)).ThenBy(x => x.Event.Sequence)
            .Select(x =>
            {
                using var detail = JsonDocument.Parse(x.Detail);
                return new TimelineEntryView(x.Event.At, x.Event.Type, x.Event.Summary, x.AttachedBy, detail.RootElement.Clone());
            });
        return new IncidentDetailView(IncidentView.From(incident), [.. timeline]);
    }

    /// <summary>The incident (null when unknown or not opened) and its stored report (null until written).</summary>
    public async Task<(IncidentRow? Incident, ReportRow? Report)> ReportAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.Opened, ct);
        var report = incident is null ? null : await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.IncidentId == id, ct);
        return (incident, report);
    }

    public async Task<ServiceStats> StatsAsync(string? environment, string? service, DateTimeOffset? from, DateTimeOffset? to, bool perService, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var deployments = db.Deployments.AsNoTracking();
        var incidents = db.Incidents.AsNoTracking().Where(i => i.Opened && i.OpenedAt != null);
        if (environment is not null)
        {
            deployments = deployments.Where(d => d.Environment == environment);
            incidents = incidents.Where(i => i.Environment == environment);
        }

        if (service is not null)
        {
            deployments = deployments.Where(d => d.Service == service);
            incidents = incidents.Where(i => i.Service == service);
        }

        // Deployments up to the end of the range; incidents from its start on (a deployment in range may fail later).
        if (to is not null)
            deployments = deployments.Where(d => d.DeployedAt <= to);
        if (from is not null)
            incidents = incidents.Where(i => i.OpenedAt >= from);

        var deploymentFacts = await deployments.Select(d => new DeploymentFact(d.Id, d.Environment, d.Service, d.Version, d.DeployedAt)).ToListAsync(ct);
        var incidentRows = await incidents.ToListAsync(ct);
        var incidentFacts = incidentRows.Select(i => new IncidentFact
        {
            Id = i.Id,
            Environment = i.Environment,
            Service = i.Service,
            OpenedAt = i.OpenedAt!.Value,
            State = i.State,
            Rollbacks = i.Rollbacks,
            FailedRollbacks = i.FailedRollbacks,
            SuspectDeploymentId = i.SuspectDeploymentId,
            SuspectVersion = i.SuspectVersion,
            TimeToDetect = i.TimeToDetectSeconds is { } d ? TimeSpan.FromSeconds(d) : null,
            TimeToAct = i.TimeToActSeconds is { } a ? TimeSpan.FromSeconds(a) : null,
            TimeToRecover = i.TimeToRecoverSeconds is { } r ? TimeSpan.FromSeconds(r) : null,
        }).ToList();

        var stats = StatsCalculator.Compute(deploymentFacts, incidentFacts, from, to, perService);
        return stats with { Environment = environment, Service = service };
    }

    /// <summary>Whether anything (a deployment or an incident) was ever recorded for the service.</summary>
    public async Task<bool> KnowsServiceAsync(string environment, string service, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Deployments.AnyAsync(d => d.Environment == environment && d.Service == service, ct) ||
               await db.Incidents.AnyAsync(i => i.Environment == environment && i.Service == service && i.Opened, ct);
    }
}
