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
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _confirmed = new();

    /// <summary>Stores messages in the outbox (no state change: deployments), returning them to publish.</summary>
    public async Task<IReadOnlyList<PendingMessage>> StoreAsync(IReadOnlyList<object> messages, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await DetectorSql.WriteAsync(db, null, [.. messages.Select(m => (StateJson.TypeOf(m), StateJson.SerializeMessage(m)))],
            time.GetUtcNow(), cancellationToken);
        return [.. messages.Select((m, i) => new PendingMessage(ids[i], m))];
    }

    /// <summary>
    /// Publishes in order, each confirmed by the broker within the publish timeout. Their outbox entries are removed by the
    /// next sweep (<see cref="RemoveConfirmedAsync"/>), off the request's path; a crash before that publishes them again
    /// (consumers deduplicate by the messages' ids).
    /// </summary>
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

        foreach (var message in pending)
            _confirmed[message.OutboxId] = 0;
    }

    /// <summary>Deletes the outbox entries of confirmed messages.</summary>
    public async Task RemoveConfirmedAsync(CancellationToken cancellationToken)
    {
        if (_confirmed.IsEmpty)
            return;
        var ids = _confirmed.Keys.Take(1000).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Outbox.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var id in ids)
            _confirmed.TryRemove(id, out _);
    }

    /// <summary>Publishes what is left in the outbox from before <paramref name="olderThan"/> (a crash, a broker outage).</summary>
    public async Task<int> RetryPendingAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Outbox.AsNoTracking().Where(r => r.CreatedAt < olderThan).OrderBy(r => r.Id).Take(500).ToListAsync(cancellationToken);
        rows.RemoveAll(r => _confirmed.ContainsKey(r.Id));
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
