using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remediation.Persistence;

namespace Remediation.Scheduling;

/// <summary>
/// Sends stored messages when they are due. It sleeps until the earliest due time it knows of (or until this instance
/// stores a new message), claims due rows in a transaction — <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so several
/// instances share the work without sending a row twice — sends each to its destination (the broker confirms), and deletes
/// it in the same transaction. A crash between send and commit sends it again after restart: delivery is at least once,
/// and the receiving saga ignores a timer whose token it no longer holds.
/// </summary>
internal sealed class ScheduledMessageDispatcher(
    IDbContextFactory<SchedulerDbContext> contexts,
    IBus bus,
    SchedulerSignal signal,
    TimeProvider time,
    IOptions<SchedulingOptions> options,
    ILogger<ScheduledMessageDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var next = await DispatchDueAsync(settings.BatchSize, stoppingToken);
                wait = next is null ? settings.MaxIdle : Clamp(next.Value - time.GetUtcNow(), settings.MaxIdle);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database or the broker is unavailable: keep the rows, try again shortly.
                logger.LogWarning(ex, "Dispatching scheduled messages failed; retrying in {Delay}", settings.RetryDelay);
                wait = settings.RetryDelay;
            }

            try
            {
                await signal.WaitAsync(time.GetUtcNow(), wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends every due message; returns the due time of the next one still waiting.</summary>
    public async Task<DateTimeOffset?> DispatchDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow();
            int sent;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                var due = await ClaimDueAsync(db, now, batchSize, cancellationToken);
                foreach (var message in due)
                {
                    await ScheduledMessageSender.SendAsync(bus, message, cancellationToken);
                    db.ScheduledMessages.Remove(message);
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                sent = due.Count;
            }

            if (sent > 0)
                logger.LogDebug("Sent {Count} scheduled messages", sent);
            if (sent < batchSize)
                return await db.ScheduledMessages.AsNoTracking().OrderBy(m => m.DueAt).Select(m => (DateTimeOffset?)m.DueAt)
                    .FirstOrDefaultAsync(cancellationToken);
        }
    }

    private static Task<List<ScheduledMessage>> ClaimDueAsync(SchedulerDbContext db, DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        db.IsPostgreSql()
            ? db.ScheduledMessages
                .FromSqlInterpolated($"SELECT * FROM scheduled_messages WHERE due_at <= {now} ORDER BY due_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken)
            : db.ScheduledMessages.Where(m => m.DueAt <= now).OrderBy(m => m.DueAt).Take(batchSize).ToListAsync(cancellationToken);

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan max) =>
        wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
}
