using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remediation.Persistence;

namespace Remediation.Executor.Requests;

/// <summary>
/// The executor's memory of requests, by request id. <see cref="ClaimAsync"/> inserts the request (the primary key makes
/// it happen once: <c>INSERT … ON CONFLICT DO NOTHING</c>), or finds it finished (→ publish its outcome again), or finds its holder gone (lease lapsed →
/// take it over, once, by optimistic concurrency), or waits while another attempt is working on it.
/// </summary>
public sealed class RequestLedger(IDbContextFactory<ExecutorDbContext> contexts, IOptions<ExecutorOptions> options, TimeProvider time, ILogger<RequestLedger> logger)
{
    private TimeSpan Lease => options.Value.LeaseDuration;

    public async Task<Claim> ClaimAsync(ExecutorRequest incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var owner = Guid.NewGuid().ToString("N");
        var waiting = false;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow();
            if (!waiting)
            {
                // Almost every request is new: insert it first (one statement); only a redelivery reads what is stored.
                incoming.State = ExecutorRequestState.Claimed;
                incoming.Owner = owner;
                incoming.LeaseUntil = now + Lease;
                incoming.ClaimedAt = now;
                incoming.Attempts = 1;
                if (await db.InsertIfAbsentAsync(incoming, cancellationToken))
                    return new Claim(ClaimStatus.New, incoming, owner);
            }

            var row = await db.Requests.FirstOrDefaultAsync(r => r.RequestId == incoming.RequestId, cancellationToken)
                ?? throw new InvalidOperationException($"Request {incoming.RequestId} was neither inserted nor found.");

            if (row.State != ExecutorRequestState.Claimed)
                return new Claim(ClaimStatus.Finished, row, owner);

            if (row.LeaseUntil > now)
            {
                if (!waiting)
                    logger.LogInformation("Request {RequestId} is being worked on by another attempt; waiting for its outcome", row.RequestId);
                waiting = true;
                await Task.Delay(options.Value.BusyPollInterval, time, cancellationToken);
                continue;
            }

            row.Owner = owner;
            row.LeaseUntil = now + Lease;
            row.Attempts++;
            row.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                logger.LogWarning("Request {RequestId} was claimed at {ClaimedAt} and not finished; resuming it (attempt {Attempt})",
                    row.RequestId, row.ClaimedAt, row.Attempts);
                return new Claim(ClaimStatus.Resumed, row, owner);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else took it over first.
            }
        }
    }

    /// <summary>Extends the lease. False when this attempt no longer holds the request.</summary>
    public async Task<bool> RenewAsync(Guid requestId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var until = time.GetUtcNow() + Lease;
        var rows = await db.Requests
            .Where(r => r.RequestId == requestId && r.Owner == owner && r.State == ExecutorRequestState.Claimed)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, until).SetProperty(r => r.Version, r => r.Version + 1), cancellationToken);
        return rows == 1;
    }

    /// <summary>Records that this attempt is about to change the target, so that a later attempt knows it may have.</summary>
    public async Task MarkActedAsync(Guid requestId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        DateTimeOffset? now = time.GetUtcNow();
        var rows = await db.Requests
            .Where(r => r.RequestId == requestId && r.Owner == owner && r.State == ExecutorRequestState.Claimed)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ActedAt, r => r.ActedAt ?? now).SetProperty(r => r.Version, r => r.Version + 1), cancellationToken);
        if (rows != 1)
            throw new OperationCanceledException($"Request {requestId} is no longer held by this attempt; not acting.");
    }

    /// <summary>
    /// Stores the outcome. Returns null when this attempt's outcome was stored (one statement on that path), else the row as
    /// stored, which holds another attempt's outcome if that one finished first.
    /// </summary>
    public async Task<ExecutorRequest?> CompleteAsync(
        Guid requestId, string owner, ExecutorRequestState state, string? driver, string outcomeType, string outcome, string? reasonCode, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        DateTimeOffset? now = time.GetUtcNow();
        var stored = await db.Requests
            .Where(r => r.RequestId == requestId && r.Owner == owner && r.State == ExecutorRequestState.Claimed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, state)
                .SetProperty(r => r.Driver, driver)
                .SetProperty(r => r.OutcomeType, outcomeType)
                .SetProperty(r => r.Outcome, outcome)
                .SetProperty(r => r.ReasonCode, reasonCode)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Version, r => r.Version + 1), cancellationToken);
        return stored == 1 ? null : await db.Requests.AsNoTracking().FirstAsync(r => r.RequestId == requestId, cancellationToken);
    }

    /// <summary>Gives the request up without an outcome (this attempt failed): the next delivery may take it over at once.</summary>
    public async Task ReleaseAsync(Guid requestId, string owner)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            var now = time.GetUtcNow();
            await db.Requests
                .Where(r => r.RequestId == requestId && r.Owner == owner && r.State == ExecutorRequestState.Claimed)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, now).SetProperty(r => r.Version, r => r.Version + 1));
        }
        catch (Exception ex)
        {
            // Best effort: without it the lease lapses by itself.
            logger.LogWarning(ex, "Could not release request {RequestId}", requestId);
        }
    }

    public async Task<ExecutorRequest?> FindAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.RequestId == requestId, cancellationToken);
    }
}
