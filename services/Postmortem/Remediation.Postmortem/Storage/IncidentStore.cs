using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Incidents;
using Remediation.Postmortem.Events;
using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Storage;

/// <summary>
/// Records lifecycle events: each once (by its key), attached to its incident (directly, through the anomaly that opened
/// the incident, or by time), with the incident's projection brought up to date in the same transaction. Recordings of
/// one (environment, service) take turns on its <see cref="ServiceLockRow"/>; a collision (the same event recorded twice
/// at once, a service's first two events) retries on fresh data.
/// </summary>
public sealed class IncidentStore(
    IDbContextFactory<PostmortemDbContext> contexts, ServicePolicies policies, TimeProvider time, ILogger<IncidentStore> logger)
{
    private const int MaxAttempts = 10;

    // Recordings of one service in this process wait for each other rather than conflict in the database; the lock row
    // still serialises them across processes.
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Records an event; returns the incidents whose report may need writing (those it touched or belongs to).</summary>
    public async Task<IReadOnlyCollection<Guid>> RecordAsync(LifecycleEvent e, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode($"{e.Environment}/{e.Service}") % _stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            return await RecordWithRetriesAsync(e, cancellationToken);
        }
        finally
        {
            stripe.Release();
        }
    }

    private async Task<IReadOnlyCollection<Guid>> RecordWithRetriesAsync(LifecycleEvent e, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var recording = new Recording(db, policies, time.GetUtcNow());
                var affected = await recording.ApplyAsync(e, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return affected;
            }
            catch (Exception ex) when (attempt < MaxAttempts && ex is DbUpdateException or DbException)
            {
                // Another instance recorded this very event, or the service's first event, at the same time: redo on what it wrote.
                logger.LogDebug(ex, "Recording {Key} conflicted (attempt {Attempt}), retrying", e.Key, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), time, cancellationToken);
            }
        }
    }

    /// <summary>One attempt at recording one event, inside one transaction.</summary>
    private sealed class Recording(PostmortemDbContext db, ServicePolicies policies, DateTimeOffset now)
    {
        private readonly HashSet<Guid> _changed = [];

        public async Task<IReadOnlyCollection<Guid>> ApplyAsync(LifecycleEvent e, CancellationToken ct)
        {
            if (e.Message is DeploymentRecorded deployment)
                return await ApplyDeploymentAsync(e, deployment, ct);

            var existing = await db.Timeline.AsNoTracking().Where(t => t.EventKey == e.Key).Select(t => new { t.IncidentId }).FirstOrDefaultAsync(ct);
            if (existing is not null)
                return existing.IncidentId is { } id ? [id] : [];

            await LockAsync(e.Environment, e.Service, ct);
            var row = new TimelineRow
            {
                EventKey = e.Key,
                Type = e.Type,
                Environment = e.Environment,
                Service = e.Service,
                AnomalyId = e.AnomalyId,
                At = e.At,
                AttachAt = e.AttachAt,
                RecordedAt = now,
                Summary = e.Summary,
                Detail = LifecycleEvents.Serialize(e.Message),
            };
            db.Timeline.Add(row);

            if (e.IncidentId is { } incidentId)
            {
                row.IncidentId = incidentId;
                row.AttachedBy = Attachment.ByIncident;
                await db.SaveChangesAsync(ct);
                var incident = await ProjectAsync(incidentId, ct);
                if (e.Message is IncidentOpened or IncidentResolved or IncidentEscalated && incident.Opened)
                    await ReattachAsync(incident, ct);
            }
            else
            {
                var attachment = AnomalyAttachment.Assign(e.AnomalyId, e.AttachAt, await WindowsAsync(e.Environment, e.Service, ct));
                row.IncidentId = attachment?.IncidentId;
                row.AttachedBy = attachment?.By;
                await db.SaveChangesAsync(ct);
                if (attachment is not null)
                    await ProjectAsync(attachment.IncidentId, ct);
            }

            await db.SaveChangesAsync(ct);
            return _changed;
        }

        private async Task<IReadOnlyCollection<Guid>> ApplyDeploymentAsync(LifecycleEvent e, DeploymentRecorded m, CancellationToken ct)
        {
            var known = await db.Deployments.AsNoTracking().AnyAsync(d => d.Id == m.DeploymentId, ct);
            if (!known)
            {
                await LockAsync(e.Environment, e.Service, ct);
                db.Deployments.Add(new DeploymentRow
                {
                    Id = m.DeploymentId,
                    Environment = e.Environment,
                    Service = e.Service,
                    Version = m.Version,
                    Revision = m.Revision,
                    Image = m.Image,
                    Commit = m.Commit,
                    Author = m.Author,
                    Description = m.Description,
                    Irreversible = m.Irreversible,
                    Source = m.Source,
                    DeployedAt = m.DeployedAt,
                    RecordedAt = now,
                });
            }

            // A deployment shows in the report of the incident it is the suspect of, and of any incident it happened during.
            var incidents = await db.Incidents
                .Where(i => i.Environment == e.Environment && i.Service == e.Service && i.Opened)
                .Where(i => i.SuspectDeploymentId == m.DeploymentId ||
                            (i.WindowStart <= m.DeployedAt && (i.EndedAt == null || i.EndedAt >= m.DeployedAt)))
                .ToListAsync(ct);
            if (!known)
            {
                foreach (var incident in incidents)
                {
                    incident.Revision++;
                    incident.UpdatedAt = now;
                }
            }

            await db.SaveChangesAsync(ct);
            return incidents.Select(i => i.Id).ToList();
        }

        /// <summary>
        /// Takes the service's lock: an UPDATE of its row holds the row's write lock until commit, so a concurrent recording of
        /// the same service (another instance) waits here, then reads what this one wrote.
        /// </summary>
        private async Task LockAsync(string environment, string service, CancellationToken ct)
        {
            var updated = await db.ServiceLocks.Where(s => s.Environment == environment && s.Service == service)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Version, l => l.Version + 1).SetProperty(l => l.UpdatedAt, now), ct);
            if (updated > 0)
                return;

            // The service's first event: two first events at once collide on the key and one of them retries.
            db.ServiceLocks.Add(new ServiceLockRow { Environment = environment, Service = service, Version = 1, UpdatedAt = now });
            await db.SaveChangesAsync(ct);
        }

        private async Task<List<IncidentWindow>> WindowsAsync(string environment, string service, CancellationToken ct)
        {
            var rows = await db.Incidents.AsNoTracking()
                .Where(i => i.Environment == environment && i.Service == service && i.Opened && i.WindowStart != null)
                .Select(i => new { i.Id, i.AnomalyId, i.WindowStart, i.EndedAt })
                .ToListAsync(ct);
            return rows.Select(r => new IncidentWindow(r.Id, r.AnomalyId, r.WindowStart!.Value, r.EndedAt)).ToList();
        }

        /// <summary>
        /// An incident opened, resolved or escalated: events without an incident id may now belong to it (its anomaly,
        /// or its time), or no longer (its end moved before them). Re-assigns those and re-projects what changed.
        /// </summary>
        private async Task ReattachAsync(IncidentSummary incident, CancellationToken ct)
        {
            var window = incident.Window!;
            var windows = await WindowsAsync(incident.Environment, incident.Service, ct);
            var candidates = await db.Timeline
                .Where(t => t.Environment == incident.Environment && t.Service == incident.Service && t.AttachedBy != Attachment.ByIncident)
                .Where(t => t.IncidentId == incident.IncidentId || (t.AnomalyId != null && t.AnomalyId == incident.AnomalyId) ||
                            (t.AttachedBy != Attachment.ByAnomaly && t.AttachAt >= window.Start && (window.End == null || t.AttachAt <= window.End)))
                .ToListAsync(ct);

            var touched = new HashSet<Guid>();
            foreach (var row in candidates)
            {
                var attachment = AnomalyAttachment.Assign(row.AnomalyId, row.AttachAt, windows);
                if (row.IncidentId == attachment?.IncidentId && row.AttachedBy == attachment?.By)
                    continue;
                if (row.IncidentId is { } before)
                    touched.Add(before);
                if (attachment is not null)
                    touched.Add(attachment.IncidentId);
                row.IncidentId = attachment?.IncidentId;
                row.AttachedBy = attachment?.By;
            }

            await db.SaveChangesAsync(ct);
            foreach (var id in touched)
                await ProjectAsync(id, ct);
        }

        /// <summary>Rebuilds an incident's row from its attached events.</summary>
        private async Task<IncidentSummary> ProjectAsync(Guid incidentId, CancellationToken ct)
        {
            var rows = await db.Timeline.AsNoTracking().Where(t => t.IncidentId == incidentId).OrderBy(t => t.Id).ToListAsync(ct);
            var events = rows.Select(r => r.ToEvent()).ToList();
            var first = events[0];
            var summary = IncidentProjection.Project(incidentId, events, policies.DeployAttribution(first.Environment, first.Service));

            var row = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, ct);
            if (row is null)
            {
                row = new IncidentRow { Id = incidentId, Environment = summary.Environment, Service = summary.Service };
                db.Incidents.Add(row);
            }

            IncidentRows.Apply(row, summary);
            row.EventCount = rows.Count;
            row.Revision++;
            row.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            _changed.Add(incidentId);
            return summary;
        }
    }
}
