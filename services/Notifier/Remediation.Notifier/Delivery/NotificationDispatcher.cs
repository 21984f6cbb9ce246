using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remediation.Notifier.Channels;
using Remediation.Notifier.Persistence;
using Remediation.Notifier.Routing;

namespace Remediation.Notifier.Delivery;

/// <summary>
/// Delivers stored notifications in the background, so that no consumer (and so no rollback) ever waits on a channel.
/// Each pass routes events that were waiting for their incident, then starts the due notifications that head their
/// (incident, channel) queue — the earlier notifications of an incident on a channel go first, so a Statuspage incident
/// is created before it is updated and a PagerDuty alert triggered before it is resolved — up to each channel's
/// concurrency. A slow or failing channel only ever holds its own slots.
/// </summary>
internal sealed class NotificationDispatcher(
    IDbContextFactory<NotifierDbContext> contexts,
    ChannelRegistry channels,
    DeliveryWorker worker,
    NotificationInbox inbox,
    DispatchSignal signal,
    TimeProvider time,
    IOptions<NotifierOptions> options,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dispatch = options.Value.Dispatch;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = dispatch.PollInterval;
            try
            {
                await inbox.RouteWaitingAsync(stoppingToken);
                if (await DispatchDueAsync(stoppingToken) is { } next)
                    wait = Clamp(next - time.GetUtcNow(), dispatch.PollInterval);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database is unavailable: the rows stay, the next pass tries again.
                logger.LogWarning(ex, "Dispatching notifications failed; retrying in {Delay}", dispatch.PollInterval);
            }

            try
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // In-flight deliveries see the same token: they hand their notifications back and end.
        await Task.WhenAll(_inFlight.Values);
    }

    /// <summary>Starts every due notification that heads its queue and has a free slot; returns when the next one waiting is due.</summary>
    private async Task<DateTimeOffset?> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var heads = await db.Notifications.AsNoTracking()
            .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now && (n.LeaseUntil == null || n.LeaseUntil < now))
            .Where(n => !db.Notifications.Any(earlier =>
                earlier.Channel == n.Channel && earlier.OrderingKey == n.OrderingKey && earlier.Status == NotificationStatus.Pending &&
                (earlier.Order < n.Order || (earlier.Order == n.Order && earlier.Id < n.Id))))
            .OrderBy(n => n.NextAttemptAt).ThenBy(n => n.Id)
            .Select(n => new { n.Id, n.Channel })
            .Take(options.Value.Dispatch.BatchSize)
            .ToListAsync(cancellationToken);

        foreach (var head in heads)
        {
            if (_inFlight.ContainsKey(head.Id))
                continue;

            if (channels.Find(head.Channel) is not { } channel)
            {
                await db.Notifications.Where(n => n.Id == head.Id && n.Status == NotificationStatus.Pending)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(n => n.Status, NotificationStatus.Failed)
                        .SetProperty(n => n.CompletedAt, now)
                        .SetProperty(n => n.LastError, $"The channel {head.Channel} is no longer configured."), cancellationToken);
                continue;
            }

            if (!channel.Slots.Wait(0, CancellationToken.None))
                continue;

            var started = new TaskCompletionSource();
            _inFlight[head.Id] = RunAsync(head.Id, channel, started.Task, cancellationToken);
            started.SetResult();
        }

        return await db.Notifications.AsNoTracking()
            .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt > now)
            .OrderBy(n => n.NextAttemptAt)
            .Select(n => (DateTimeOffset?)n.NextAttemptAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task RunAsync(long id, ConfiguredChannel channel, Task registered, CancellationToken cancellationToken)
    {
        // Registered in the in-flight map before it can finish and remove itself.
        await registered;
        await Task.Yield();
        try
        {
            await worker.DeliverAsync(id, channel, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the lease runs out and another pass (or instance) takes it.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Delivering notification {NotificationId} on {Channel} failed; it will be retried", id, channel.Name);
        }
        finally
        {
            channel.Slots.Release();
            _inFlight.TryRemove(id, out _);
            signal.Notify();
        }
    }

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan max) => wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
}
