using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Rollbacks;
using Remediation.Postmortem.Incidents;
using Remediation.Postmortem.Prometheus;
using Remediation.Postmortem.Storage;

namespace Remediation.Postmortem.Reports;

/// <summary>
/// Gathers what a report is built from (the incident's events, deployments, the service's history, Prometheus), builds
/// it with <see cref="ReportBuilder"/> and stores it in both formats. A report is written when the incident resolves or
/// escalates and rewritten when a later event changes what it was built from.
/// </summary>
public sealed class ReportWriter(
    IDbContextFactory<PostmortemDbContext> contexts, IncidentMetrics metrics, ServicePolicies policies,
    IOptionsMonitor<PostmortemOptions> options, TimeProvider time, ILogger<ReportWriter> logger)
{
    /// <summary>How much of a service's past the rules look at.</summary>
    private const int HistoryLimit = 500;

    /// <summary>Writes the incident's report if it has ended and its stored report (if any) predates its latest change.</summary>
    public async Task WriteIfStaleAsync(Guid incidentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
        if (incident is null || !incident.Opened || incident.State == IncidentState.Open)
            return;

        var built = await db.Reports.Where(r => r.IncidentId == incidentId).Select(r => (long?)r.BuiltFromRevision).FirstOrDefaultAsync(cancellationToken);
        if (built >= incident.Revision)
            return;

        var report = await BuildAsync(db, incident, includeMetrics: true, cancellationToken);
        var row = new ReportRow
        {
            IncidentId = incidentId,
            BuiltFromRevision = incident.Revision,
            GeneratedAt = report.GeneratedAt,
            Markdown = MarkdownReport.Render(report),
            Json = ReportJson.Serialize(report),
        };

        if (await SaveAsync(db, row, cancellationToken))
            logger.LogInformation("Wrote the report of incident {IncidentId} ({Environment}/{Service}, {State})", incidentId, incident.Environment, incident.Service, incident.State);
    }

    /// <summary>Builds an incident's report now, without storing it (the draft of an open incident); null for an unknown incident.</summary>
    public async Task<PostmortemReport?> BuildAsync(Guid incidentId, bool includeMetrics, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId && i.Opened, cancellationToken);
        return incident is null ? null : await BuildAsync(db, incident, includeMetrics, cancellationToken);
    }

    private async Task<PostmortemReport> BuildAsync(PostmortemDbContext db, IncidentRow incident, bool includeMetrics, CancellationToken ct)
    {
        var (environment, service) = (incident.Environment, incident.Service);
        var rows = await db.Timeline.AsNoTracking().Where(t => t.IncidentId == incident.Id).OrderBy(t => t.Id).ToListAsync(ct);
        var events = rows.Select(r => r.ToEvent()).ToList();

        var deployments = await IncidentDeployments.ForAsync(db, incident, ct);

        var attribution = policies.DeployAttribution(environment, service);
        var rules = options.CurrentValue.Rules;
        var history = await HistoryAsync(db, environment, service, ct);
        var summary = IncidentProjection.Project(incident.Id, events, attribution);

        IReadOnlyList<SignalMetrics> series = [];
        IReadOnlyList<string> notes = [];
        if (includeMetrics)
        {
            var signals = events.Select(e => e.Message).OfType<AnomalyDetected>().SelectMany(a => a.Signals)
                .Concat(events.Select(e => e.Message).OfType<Contracts.Incidents.IncidentOpened>().SelectMany(o => o.Signals))
                .Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            var start = summary.Timings.DetectionStart ?? summary.Timings.DetectedAt ?? summary.OpenedAt ?? events[0].At;
            (series, notes) = await metrics.CollectAsync(environment, service, signals, start, summary.EndedAt, ct);
        }

        return ReportBuilder.Build(new ReportInput
        {
            IncidentId = incident.Id,
            Events = events,
            Deployments = [.. deployments.Select(d => d.ToMessage())],
            History = history,
            Driver = policies.Find(environment, service)?.Target.Driver,
            Metrics = series,
            MetricNotes = notes,
            DeployAttribution = attribution,
            Rules = rules,
            GeneratedAt = time.GetUtcNow(),
        });
    }

    private static async Task<ServiceHistory> HistoryAsync(PostmortemDbContext db, string environment, string service, CancellationToken ct)
    {
        var deployments = await db.Deployments.AsNoTracking()
            .Where(d => d.Environment == environment && d.Service == service)
            .OrderByDescending(d => d.DeployedAt).Take(HistoryLimit).ToListAsync(ct);
        var recorded = await db.Timeline.AsNoTracking()
            .Where(t => t.Environment == environment && t.Service == service &&
                        (t.Type == nameof(RollbackRequested) || t.Type == nameof(AnomalyDetected)))
            .OrderByDescending(t => t.AttachAt).Take(HistoryLimit * 2).ToListAsync(ct);
        var messages = recorded.Select(r => r.ToEvent().Message).ToList();
        return new ServiceHistory
        {
            Deployments = [.. deployments.Select(d => d.ToMessage())],
            Rollbacks = [.. messages.OfType<RollbackRequested>()],
            Anomalies = [.. messages.OfType<AnomalyDetected>()],
        };
    }

    /// <summary>Stores the report unless one built from a later revision is there already (two writers may race).</summary>
    private static async Task<bool> SaveAsync(PostmortemDbContext db, ReportRow row, CancellationToken ct)
    {
        if (await ReplaceOlderAsync())
            return true;
        if (await db.Reports.AnyAsync(r => r.IncidentId == row.IncidentId, ct))
            return false;

        db.Reports.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another writer inserted it first: replace it if it was built from an older revision.
            db.Entry(row).State = EntityState.Detached;
            return await ReplaceOlderAsync();
        }

        async Task<bool> ReplaceOlderAsync() =>
            await db.Reports
                .Where(r => r.IncidentId == row.IncidentId && r.BuiltFromRevision < row.BuiltFromRevision)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.BuiltFromRevision, row.BuiltFromRevision)
                    .SetProperty(r => r.GeneratedAt, row.GeneratedAt)
                    .SetProperty(r => r.Markdown, row.Markdown)
                    .SetProperty(r => r.Json, row.Json), ct) > 0;
    }
}
