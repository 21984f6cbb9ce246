using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remediation.Notifier.Channels;
using Remediation.Notifier.Persistence;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Delivery;

/// <summary>
/// Delivers one notification: takes its lease (so no other instance delivers it meanwhile), runs the channel through its
/// retry pipeline, then records the outcome: delivered, skipped, refused, rescheduled, or given up.
/// </summary>
internal sealed class DeliveryWorker(
    IDbContextFactory<NotifierDbContext> contexts,
    DeliveryTransport transport,
    NotifierMetrics metrics,
    TimeProvider time,
    IOptions<NotifierOptions> options,
    ILogger<DeliveryWorker> logger)
{
    /// <summary>This instance's name in leases.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public async Task DeliverAsync(long notificationId, ConfiguredChannel channel, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var leaseUntil = now + options.Value.Dispatch.LeaseDuration;
        var claimed = await db.Notifications
            .Where(n => n.Id == notificationId && n.Status == NotificationStatus.Pending && (n.LeaseUntil == null || n.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseOwner, InstanceId).SetProperty(n => n.LeaseUntil, leaseUntil), cancellationToken);
        if (claimed == 0)
            return;

        var notification = await db.Notifications.SingleAsync(n => n.Id == notificationId, cancellationToken);
        var notifierEvent = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.EventKey == notification.EventKey, cancellationToken);
        if (notifierEvent is null)
        {
            await FinishAsync(db, notification, channel, DeliveryOutcome.Rejected("The event of this notification is missing."), null);
            return;
        }

        NotifierIncident? incident = null;
        ExternalReference? reference = null;
        if (notification.IncidentId is { } incidentId)
        {
            incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.IncidentId == incidentId, cancellationToken);
            reference = await db.References.AsNoTracking()
                .SingleOrDefaultAsync(r => r.IncidentId == incidentId && r.Channel == notification.Channel, cancellationToken);
        }

        var context = new DeliveryContext(channel, notification, notifierEvent, incident, reference, transport, time);
        DeliveryOutcome outcome;
        try
        {
            outcome = channel.Enabled
                ? await channel.Pipeline.ExecuteAsync(async token => await channel.Implementation.DeliverAsync(context, token), cancellationToken)
                : DeliveryOutcome.Skipped($"The channel {channel.Name} is disabled.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: hand the notification back at once rather than when the lease runs out.
            notification.LeaseOwner = null;
            notification.LeaseUntil = null;
            notification.Attempts = context.Attempts;
            await SaveAsync(db, notification, context);
            return;
        }
        catch (Exception ex)
        {
            // A fault in the channel's own code (not the service's answer): retried like a network error.
            logger.LogError(ex, "Channel {Channel} failed on notification {NotificationId}", channel.Name, notificationId);
            outcome = new DeliveryOutcome(DeliveryResult.Retryable, $"{ex.GetType().Name}: {ex.Message}");
        }

        await FinishAsync(db, notification, channel, outcome, context);
    }

    private async Task FinishAsync(NotifierDbContext db, Notification notification, ConfiguredChannel channel, DeliveryOutcome outcome, DeliveryContext? context)
    {
        var now = time.GetUtcNow();
        var retry = channel.Options.Retry;
        notification.Runs++;
        notification.Attempts = context?.Attempts ?? notification.Attempts;
        notification.LastHttpStatus = outcome.HttpStatus ?? notification.LastHttpStatus;
        notification.LastError = outcome.Error is null ? null : TemplateText.Truncate(outcome.Error, 1000);
        notification.LeaseOwner = null;
        notification.LeaseUntil = null;

        string finished;
        switch (outcome.Result)
        {
            case DeliveryResult.Delivered:
                notification.Status = NotificationStatus.Delivered;
                finished = "delivered";
                break;
            case DeliveryResult.Skipped:
                notification.Status = NotificationStatus.Skipped;
                finished = "skipped";
                break;
            case DeliveryResult.Retryable when now - notification.CreatedAt < retry.GiveUpAfter:
                var delay = outcome.RetryAfter ?? Backoff(retry, notification.Runs);
                notification.NextAttemptAt = now + delay;
                logger.LogWarning("Channel {Channel} failed notification {NotificationId} ({Error}); next run in {Delay}",
                    channel.Name, notification.Id, notification.LastError, delay);
                await SaveAsync(db, notification, context);
                return;
            case DeliveryResult.Retryable:
                notification.Status = NotificationStatus.Failed;
                notification.LastError = TemplateText.Truncate(
                    $"Gave up after {notification.Attempts} attempts over {TemplateText.Duration(now - notification.CreatedAt)}: {outcome.Error}", 1000);
                finished = "gave-up";
                break;
            default:
                notification.Status = NotificationStatus.Failed;
                finished = "rejected";
                break;
        }

        notification.CompletedAt = now;
        await SaveAsync(db, notification, context);
        metrics.Finished(channel.Name, channel.Type, finished, notification.Status == NotificationStatus.Delivered ? now - notification.CreatedAt : null);
        if (notification.Status == NotificationStatus.Failed)
        {
            logger.LogWarning("Channel {Channel} did not take notification {NotificationId} ({Kind} of incident {IncidentId}): {Error}",
                channel.Name, notification.Id, notification.Kind, notification.IncidentId, notification.LastError);
        }
        else
        {
            logger.LogInformation("Channel {Channel} {Outcome} notification {NotificationId} ({Kind} of incident {IncidentId}) after {Attempts} attempts",
                channel.Name, finished, notification.Id, notification.Kind, notification.IncidentId, notification.Attempts);
        }
    }

    private async Task SaveAsync(NotifierDbContext db, Notification notification, DeliveryContext? context)
    {
        if (context is { ReferenceUnsaved: true, Reference: { } reference })
            await DeliveryTransport.StoreAsync(db, reference, CancellationToken.None);
        try
        {
            // Not cancellable: what was sent must be recorded even while the host stops.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogWarning("Notification {NotificationId} was taken over by another instance while this one delivered it", notification.Id);
        }
    }

    /// <summary>From the reschedule delay, doubling per run, up to the maximum.</summary>
    internal static TimeSpan Backoff(ChannelRetryOptions retry, int runs)
    {
        var factor = Math.Pow(2, Math.Clamp(runs - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(retry.RescheduleDelay.Ticks * factor, retry.MaxRescheduleDelay.Ticks));
        return delay < retry.RescheduleDelay ? retry.RescheduleDelay : delay;
    }
}
