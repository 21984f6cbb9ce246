using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Remediation.Detector.Evaluation;
using Remediation.Policy;

namespace Remediation.Detector.State;

/// <summary>
/// The services' states: in memory in front of <c>detector_service_states</c>. Every state is loaded once (all of them at
/// start), so a duplicate alert is answered from memory; a change is written (with its outbox messages, in one
/// transaction) before the cache shows it. One writer per service at a time (<see cref="LockAsync"/>).
/// </summary>
public sealed class ServiceStateStore(IDbContextFactory<DetectorDbContext> contexts, TimeProvider time, ILogger<ServiceStateStore> logger)
{
    private readonly ConcurrentDictionary<ServiceKey, ServiceState> _cache = new();
    private readonly ConcurrentDictionary<ServiceKey, SemaphoreSlim> _locks = new();
    private volatile bool _allLoaded;

    /// <summary>True once every stored state is in memory.</summary>
    public bool IsLoaded => _allLoaded;

    /// <summary>The state from memory; false when it has not been loaded (only before <see cref="LoadAllAsync"/> succeeded).</summary>
    public bool TryGetCached(ServiceKey key, out ServiceState state)
    {
        if (_cache.TryGetValue(key, out state!))
            return true;
        state = ServiceState.Empty;
        return _allLoaded;
    }

    public async ValueTask<ServiceState> GetAsync(ServiceKey key, CancellationToken cancellationToken)
    {
        if (TryGetCached(key, out var state))
            return state;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ServiceStates.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Environment == key.Environment && r.Service == key.Service, cancellationToken);
        state = row is null ? ServiceState.Empty : StateJson.Deserialize(row.Document);
        return _cache.GetOrAdd(key, state);
    }

    /// <summary>Reads every stored state into memory (at start; after a restart the detector carries on where it was).</summary>
    public async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ServiceStates.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var row in rows)
            _cache.TryAdd(new ServiceKey(row.Environment, row.Service), StateJson.Deserialize(row.Document));
        _allLoaded = true;
        logger.LogInformation("Detector state loaded: {Count} services, {Anomalies} open anomalies", rows.Count,
            _cache.Values.Count(s => s.Anomaly is not null));
    }

    public async Task<IDisposable> LockAsync(ServiceKey key, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    /// <summary>
    /// Writes the state and its messages (outbox) in one transaction, then shows the state in memory. Returns the outbox
    /// entries to publish. Call under <see cref="LockAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<PendingMessage>> CommitAsync(ServiceKey key, ServiceState state, IReadOnlyList<object> messages,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await DetectorSql.WriteAsync(db, (key.Environment, key.Service, StateJson.Serialize(state)),
            [.. messages.Select(m => (StateJson.TypeOf(m), StateJson.SerializeMessage(m)))], time.GetUtcNow(), cancellationToken);
        _cache[key] = state;
        return [.. messages.Select((m, i) => new PendingMessage(ids[i], m))];
    }

    /// <summary>Services whose signals are waiting out their flap suppression period.</summary>
    public IReadOnlyList<ServiceKey> Recovering() => [.. _cache.Where(e => e.Value.HasRecoveringSignals).Select(e => e.Key)];

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
