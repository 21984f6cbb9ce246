using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Remediation.Notifier.Persistence;
using Remediation.Security;

namespace Remediation.Notifier.Api;

/// <summary>
/// <c>GET /api/notifications?incidentId=&amp;channel=&amp;status=&amp;limit=</c> (role <c>read</c>): the notifications of an
/// incident in delivery order with every attempt, or the latest ones across incidents. Bad parameters get a 400
/// problem+json that names them.
/// </summary>
internal static class NotificationsEndpoint
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapNotificationsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/notifications", ListAsync)
            .RequireAuthorization(Roles.Reader)
            .WithName("ListNotifications");
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IDbContextFactory<NotifierDbContext> contexts)
    {
        var query = http.Request.Query;
        Guid? incidentId = null;
        if (query.TryGetValue("incidentId", out var incidentText))
        {
            if (!Guid.TryParse(incidentText.ToString(), out var parsed))
                return Problems.BadRequest("invalid-incident-id", "incidentId must be a GUID, for example 3f2a7c1e-0b5d-4e8a-9c61-2d7f0e4b8a13.");
            incidentId = parsed;
        }

        NotificationStatus? status = null;
        if (query.TryGetValue("status", out var statusText))
        {
            if (!Enum.TryParse<NotificationStatus>(statusText.ToString(), ignoreCase: true, out var parsed) || int.TryParse(statusText.ToString(), out _))
                return Problems.BadRequest("invalid-status", "status must be one of pending, delivered, failed, skipped.");
            status = parsed;
        }

        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText.ToString(), out limit) || limit is < 1 or > MaxLimit))
            return Problems.BadRequest("invalid-limit", $"limit must be a whole number from 1 to {MaxLimit}.");

        string? channel = query.TryGetValue("channel", out var channelText) ? channelText.ToString() : null;

        await using var db = await contexts.CreateDbContextAsync(http.RequestAborted);
        var notifications = db.Notifications.AsNoTracking();
        if (incidentId is { } id)
            notifications = notifications.Where(n => n.IncidentId == id);
        if (channel is { Length: > 0 })
            notifications = notifications.Where(n => n.Channel == channel);
        if (status is { } s)
            notifications = notifications.Where(n => n.Status == s);
        notifications = incidentId is null
            ? notifications.OrderByDescending(n => n.Id)
            : notifications.OrderBy(n => n.Channel).ThenBy(n => n.Order).ThenBy(n => n.Id);
        var rows = await notifications.Take(limit).ToListAsync(http.RequestAborted);

        var ids = rows.Select(n => n.Id).ToList();
        var attempts = (await db.Attempts.AsNoTracking().Where(a => ids.Contains(a.NotificationId)).ToListAsync(http.RequestAborted))
            .OrderBy(a => a.Number).ToLookup(a => a.NotificationId);
        var keys = rows.Select(n => n.EventKey).Distinct().ToList();
        var titles = (await db.Events.AsNoTracking().Where(e => keys.Contains(e.EventKey)).ToListAsync(http.RequestAborted))
            .ToDictionary(e => e.EventKey, e => e.Content.Title);
        var incidents = rows.Where(n => n.IncidentId is not null).Select(n => n.IncidentId!.Value).Distinct().ToList();
        var references = (await db.References.AsNoTracking().Where(r => incidents.Contains(r.IncidentId)).ToListAsync(http.RequestAborted))
            .ToDictionary(r => (r.IncidentId, r.Channel.ToLowerInvariant()));
        var waiting = incidentId is { } waitingFor
            ? await db.Events.CountAsync(e => e.IncidentId == waitingFor && e.RoutedAt == null, http.RequestAborted)
            : await db.Events.CountAsync(e => e.RoutedAt == null, http.RequestAborted);

        var views = rows.Select(n => new NotificationView
        {
            Id = n.Id,
            Channel = n.Channel,
            ChannelType = n.ChannelType,
            Event = n.Kind.ToString(),
            EventKey = n.EventKey,
            IncidentId = n.IncidentId,
            Severity = n.Severity.ToString().ToLowerInvariant(),
            Status = n.Status.ToString().ToLowerInvariant(),
            Title = titles.GetValueOrDefault(n.EventKey),
            Attempts = n.Attempts,
            CreatedAt = n.CreatedAt,
            NextAttemptAt = n.Status == NotificationStatus.Pending ? n.NextAttemptAt : null,
            CompletedAt = n.CompletedAt,
            LastHttpStatus = n.LastHttpStatus,
            LastError = n.LastError,
            Reference = n.IncidentId is { } i && references.TryGetValue((i, n.Channel.ToLowerInvariant()), out var r)
                ? new ReferenceView(r.ExternalId, r.DisplayId, r.Url, r.State)
                : null,
            AttemptLog = [.. attempts[n.Id].Select(a => new AttemptView(a.Number, a.Step, a.StartedAt, a.DurationMs, a.Outcome, a.HttpStatus, a.Error, a.RetryAfterSeconds))],
        }).ToList();

        return Results.Ok(new NotificationsResponse(incidentId, views.Count, waiting, views));
    }
}
