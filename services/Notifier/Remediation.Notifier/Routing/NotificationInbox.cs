using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remediation.Contracts.Signals;
using Remediation.Notifier.Channels;
using Remediation.Notifier.Delivery;
using Remediation.Notifier.Persistence;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Routing;

/// <summary>
/// Where consumers hand events over. An event is stored once by its identity, and in the same transaction one
/// notification per channel it is routed to; then the consumer returns — delivery happens in the background. An event
/// of an incident whose severity is not known yet (its <c>IncidentOpened</c> is still on its way) waits, and is routed
/// when the incident opens, or as <c>major</c> after the routing grace.
/// </summary>
internal sealed class NotificationInbox(
    IDbContextFactory<NotifierDbContext> contexts,
    ChannelRegistry channels,
    RoutePlanner planner,
    DispatchSignal signal,
    TimeProvider time,
    IOptions<NotifierOptions> options,
    ILogger<NotificationInbox> logger)
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);
    private const int MaxTries = 5;

    /// <summary>Stores the event and its notifications; a duplicate of an event already stored changes nothing.</summary>
    public async Task AcceptAsync<T>(NotificationContent content, T message, CancellationToken cancellationToken)
        where T : class
    {
        // Nothing to tell about this kind of event. An opening or escalation still counts: it carries the severity
        // that routes the incident's other events.
        var remembers = content.Kind is NotificationKind.IncidentOpened or NotificationKind.IncidentEscalated;
        if (channels.All.Count == 0 || (content.TargetChannel is null && !remembers && !channels.AnyHandles(content.Kind)))
            return;

        var json = JsonSerializer.Serialize(message, EventJson);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await TryStoreAsync(content, json, cancellationToken))
                    signal.Notify();
                return;
            }
            catch (DbUpdateException ex) when (attempt < MaxTries)
            {
                // A concurrent delivery of the same event, or a router handling the same incident, got there first.
                // Start again from what is stored now: the duplicate check settles it.
                logger.LogDebug(ex, "Storing {EventKey} raced with another writer; trying again", content.EventKey);
            }
        }
    }

    private async Task<bool> TryStoreAsync(NotificationContent content, string json, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Events.AnyAsync(e => e.EventKey == content.EventKey, cancellationToken))
        {
            logger.LogDebug("Event {EventKey} was already accepted", content.EventKey);
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var incident = content.IncidentId is { } incidentId
            ? await db.Incidents.SingleOrDefaultAsync(i => i.IncidentId == incidentId, cancellationToken)
            : null;
        incident = Remember(db, incident, content, now);

        var stored = new NotifierEvent
        {
            EventKey = content.EventKey,
            Kind = content.Kind,
            IncidentId = content.IncidentId,
            Environment = content.Environment,
            Service = content.Service,
            OrderingKey = DeliveryOrder.Key(content),
            Content = content,
            EventJson = json,
            OccurredAt = content.OccurredAt,
            ReceivedAt = now,
        };
        db.Events.Add(stored);

        var routed = 0;
        if (content.IncidentId is null)
            routed += await RouteAsync(db, stored, content.Severity ?? Severity.Minor, now, cancellationToken);
        else if (incident is not null)
            routed += await RouteAsync(db, stored, incident.Severity, now, cancellationToken);
        else
            logger.LogDebug("Event {EventKey} waits for incident {IncidentId} to open", content.EventKey, content.IncidentId);

        if (content.Kind == NotificationKind.IncidentOpened && incident is not null)
        {
            var waiting = await db.Events
                .Where(e => e.IncidentId == incident.IncidentId && e.RoutedAt == null)
                .ToListAsync(cancellationToken);
            foreach (var e in waiting.Where(e => e.EventKey != content.EventKey))
                routed += await RouteAsync(db, e, incident.Severity, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogDebug("Accepted {EventKey}: {Count} notifications", content.EventKey, routed);
        return routed > 0;
    }

    /// <summary>Routes the events that waited for their incident: at once when it is known now, after the grace otherwise.</summary>
    public async Task RouteWaitingAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Only the events that can be routed now: their incident is known, or they waited out the grace. The others are
        // not touched, so that a waiting event costs one read per pass and no write lock.
        var graceEnded = time.GetUtcNow() - options.Value.Dispatch.RoutingGrace;
        var waiting = await db.Events.AsNoTracking()
            .Where(e => e.RoutedAt == null && (e.ReceivedAt <= graceEnded || db.Incidents.Any(i => i.IncidentId == e.IncidentId)))
            .OrderBy(e => e.ReceivedAt).Select(e => e.EventKey).Take(options.Value.Dispatch.BatchSize).ToListAsync(cancellationToken);
        var routed = 0;
        foreach (var key in waiting)
        {
            try
            {
                routed += await RouteWaitingAsync(key, cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // Routed meanwhile by the incident's opening or by another instance.
                logger.LogDebug(ex, "Routing {EventKey} raced with another writer", key);
            }
        }

        if (routed > 0)
            signal.Notify();
    }

    private async Task<int> RouteWaitingAsync(string eventKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.Events.SingleOrDefaultAsync(e => e.EventKey == eventKey && e.RoutedAt == null, cancellationToken);
        if (stored?.IncidentId is not { } incidentId)
            return 0;

        var now = time.GetUtcNow();
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.IncidentId == incidentId, cancellationToken);
        if (incident is null)
        {
            if (now - stored.ReceivedAt < options.Value.Dispatch.RoutingGrace)
                return 0;

            logger.LogWarning("Incident {IncidentId} was not seen opening within {Grace}; routing {EventKey} as {Severity}",
                incidentId, options.Value.Dispatch.RoutingGrace, eventKey, Severity.Major);
            incident = new NotifierIncident
            {
                IncidentId = incidentId,
                Environment = stored.Environment,
                Service = stored.Service,
                Severity = stored.Content.Severity ?? Severity.Major,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Incidents.Add(incident);
        }

        var routed = await RouteAsync(db, stored, incident.Severity, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return routed;
    }

    /// <summary>Adds one notification per planned channel and marks the event routed (saved by the caller).</summary>
    private async Task<int> RouteAsync(NotifierDbContext db, NotifierEvent stored, Severity severity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var told = new List<string>();
        if (stored.IncidentId is { } incidentId)
        {
            told.AddRange(await db.Notifications.Where(n => n.IncidentId == incidentId).Select(n => n.Channel).Distinct().ToListAsync(cancellationToken));
            told.AddRange(db.Notifications.Local.Where(n => n.IncidentId == incidentId).Select(n => n.Channel));
        }

        var planned = planner.Plan(stored.Content, severity, told);
        foreach (var channel in planned)
        {
            db.Notifications.Add(new Notification
            {
                EventKey = stored.EventKey,
                Channel = channel.Name,
                ChannelType = channel.Type,
                Kind = stored.Kind,
                IncidentId = stored.IncidentId,
                OrderingKey = stored.OrderingKey,
                Order = DeliveryOrder.For(stored.Kind, stored.OccurredAt),
                Severity = severity,
                Status = NotificationStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        stored.RoutedAt = now;
        stored.Severity = severity;
        return planned.Count;
    }

    /// <summary>
    /// Keeps what routing needs about the incident: its opening, its severity (the highest seen: an escalation raises it),
    /// its resolution. Returns the incident, or null while it is unknown.
    /// </summary>
    private static NotifierIncident? Remember(NotifierDbContext db, NotifierIncident? incident, NotificationContent content, DateTimeOffset now)
    {
        if (content.IncidentId is not { } incidentId)
            return null;

        var opens = content.Kind is NotificationKind.IncidentOpened or NotificationKind.IncidentEscalated;
        if (incident is null)
        {
            if (!opens)
                return null;
            incident = new NotifierIncident
            {
                IncidentId = incidentId,
                Environment = content.Environment,
                Service = content.Service,
                Severity = content.Severity ?? Severity.Major,
                CreatedAt = now,
            };
            db.Incidents.Add(incident);
        }
        else if (content.Severity is { } severity && severity > incident.Severity)
        {
            incident.Severity = severity;
        }

        if (content.Kind == NotificationKind.IncidentOpened)
        {
            incident.Opened = true;
            incident.OpenedAt = content.OccurredAt;
        }

        if (content.Kind == NotificationKind.IncidentResolved)
            incident.ResolvedAt = content.OccurredAt;
        incident.UpdatedAt = now;
        return incident;
    }
}
