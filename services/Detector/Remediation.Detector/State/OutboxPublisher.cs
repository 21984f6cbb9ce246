using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remediation.Detector.Options;

namespace Remediation.Detector.State;

/// <summary>
/// Publishes outbox entries and deletes them once the broker confirmed them (on RabbitMQ, <c>Publish</c> returns after the
/// publisher confirm). What fails stays in the outbox for the sweep; consumers deduplicate by the messages' ids.
/// </summary>
public sealed class OutboxPublisher(
    IBus bus,
    IDbContextFactory<DetectorDbContext> contexts,
    IOptionsMonitor<DetectorOptions> options,
    TimeProvider time,
    ILogger<OutboxPublisher> logger)
{
    internal static List<(OutboxRow Row, object Message)> Stage(DetectorDbContext db, IEnumerable<object> messages, DateTimeOffset now)
    {
        var staged = new List<(OutboxRow, object)>();
        foreach (var message in messages)
        {
            var row = new OutboxRow
            {
                MessageType = StateJson.TypeOf(message),
                Payload = System.Text.Json.JsonSerializer.Serialize(message, message.GetType(), StateJson.Options),
                CreatedAt = now,
            };
            db.Outbox.Add(row);
            staged.Add((row, message));
        }

        return staged;
    }

    /// <summary>Stores messages in the outbox (no state change: deployments), returning them to publish.</summary>
    public async Task<IReadOnlyList<PendingMessage>> StoreAsync(IReadOnlyList<object> messages, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staged = Stage(db, messages, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return [.. staged.Select(s => new PendingMessage(s.Row.Id, s.Message))];
    }

    /// <summary>Publishes in order, each confirmed by the broker within the publish timeout, then removes them from the outbox.</summary>
    public async Task PublishAsync(IReadOnlyList<PendingMessage> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
            return;

        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.CurrentValue.PublishTimeout);
            foreach (var message in pending)
                await bus.Publish(message.Message, message.Message.GetType(), timeout.Token);
        }

        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var ids = pending.Select(p => p.OutboxId).ToList();
        await db.Outbox.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>Publishes what is left in the outbox from before <paramref name="olderThan"/> (a crash, a broker outage).</summary>
    public async Task<int> RetryPendingAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Outbox.AsNoTracking().Where(r => r.CreatedAt < olderThan).OrderBy(r => r.Id).Take(500).ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return 0;

        logger.LogInformation("Publishing {Count} messages left in the outbox", rows.Count);
        var pending = rows.Select(r => new PendingMessage(r.Id, StateJson.ReadMessage(r.MessageType, r.Payload))).ToList();
        try
        {
            await PublishAsync(pending, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            var ids = rows.Select(r => r.Id).ToList();
            await db.Outbox.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Attempts, r => r.Attempts + 1), cancellationToken);
            throw;
        }

        return rows.Count;
    }
}
