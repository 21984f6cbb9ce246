using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Remediation.Persistence.Sagas;

/// <summary>
/// The repository's view of one message: loads, inserts and updates the instances it touches. It is the consume context
/// the saga sees, carrying the database context, the message's <see cref="SagaUnitOfWork"/> and the payloads of the
/// registered <see cref="ISagaPayloadFactory"/>s, so that what the saga stores besides its row shares its transaction.
/// </summary>
internal sealed class DocumentSagaRepositoryContext<TSaga, TMessage, TContext> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, IStoredSaga
    where TMessage : class
    where TContext : DbContext
{
    private static readonly string SagaType = SagaDocumentSerializer.TypeName<TSaga>();
    private readonly Dictionary<Guid, SagaRow> _rows = [];
    private readonly TContext _db;
    private readonly SagaUnitOfWork _work;
    private readonly ISagaConsumeContextFactory<TContext, TSaga> _factory;
    private readonly TimeProvider _time;
    private readonly SagaDocumentCache<TSaga>? _cache;

    public DocumentSagaRepositoryContext(TContext db, SagaUnitOfWork work, object[] payloads, ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<TContext, TSaga> factory, TimeProvider time, SagaDocumentCache<TSaga>? cache)
        : base(consumeContext, [db, work, .. payloads])
    {
        _db = db;
        _work = work;
        _factory = factory;
        _time = time;
        _cache = cache;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_db, consumeContext, instance, mode);

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_db, this, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        await InsertRowAsync(instance);
        return await _factory.CreateSagaConsumeContext(_db, this, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        // A row this context already holds is used as it is; a cached copy is attached as the row's last known state (the
        // update's version check decides whether it still is); otherwise the row is read.
        var row = _rows.GetValueOrDefault(correlationId) ?? _cache?.Get(correlationId);
        if (row is not null && _db.Entry(row).State == EntityState.Detached)
            _db.Set<SagaRow>().Attach(row);
        else if (row is null)
        {
            row = await _db.Set<SagaRow>().SingleOrDefaultAsync(r => r.SagaType == SagaType && r.CorrelationId == correlationId, CancellationToken);
            if (row is null)
                return null!;
            _cache?.Set(row);
        }

        _rows[correlationId] = row;
        var instance = SagaDocumentSerializer.Deserialize<TSaga>(row);
        return await _factory.CreateSagaConsumeContext(_db, this, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context) => InsertRowAsync(context.Saga);

    public async Task Update(SagaConsumeContext<TSaga> context)
    {
        var instance = context.Saga;
        if (!_rows.TryGetValue(instance.CorrelationId, out var row))
            throw new InvalidOperationException($"Saga {SagaType} {instance.CorrelationId} was not loaded by this context.");

        // The version in the WHERE clause is the one loaded; a concurrent update makes this affect no row.
        instance.Version = row.Version + 1;
        row.Version = instance.Version;
        row.CurrentState = instance.CurrentState;
        row.Data = SagaDocumentSerializer.Serialize(instance);
        row.UpdatedAt = _time.GetUtcNow();
        await SaveAsync(row);
    }

    public async Task Delete(SagaConsumeContext<TSaga> context)
    {
        if (_cache is not null)
            throw new InvalidOperationException(
                $"Saga {SagaType} {context.Saga.CorrelationId} is stored with CachedDocumentRepository, which never deletes a row: a row created again would start its versions over, and a copy cached elsewhere could match one. Register it with DocumentRepository to finalize instances.");
        if (_rows.TryGetValue(context.Saga.CorrelationId, out var row))
        {
            _db.Set<SagaRow>().Remove(row);
            await _work.SaveChangesAsync(CancellationToken);
        }
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        _cache?.Remove(context.Saga.CorrelationId);
        if (_rows.TryGetValue(context.Saga.CorrelationId, out var row))
            _db.Entry(row).State = EntityState.Unchanged;
        return Task.CompletedTask;
    }

    public async Task<IEnumerable<TSaga>> QueryAsync(ISagaQuery<TSaga> query, CancellationToken cancellationToken)
    {
        var rows = await _db.Set<SagaRow>().Where(r => r.SagaType == SagaType).ToListAsync(cancellationToken);
        var matches = new List<TSaga>();
        var predicate = query.GetFilter();
        foreach (var row in rows)
        {
            var instance = SagaDocumentSerializer.Deserialize<TSaga>(row);
            if (!predicate(instance))
                continue;
            _rows[row.CorrelationId] = row;
            matches.Add(instance);
        }

        return matches;
    }

    private async Task InsertRowAsync(TSaga instance)
    {
        instance.Version = 1;
        var row = new SagaRow
        {
            SagaType = SagaType,
            CorrelationId = instance.CorrelationId,
            CurrentState = instance.CurrentState,
            Version = instance.Version,
            Data = SagaDocumentSerializer.Serialize(instance),
            UpdatedAt = _time.GetUtcNow(),
        };
        _db.Set<SagaRow>().Add(row);
        await SaveAsync(row);
        _rows[instance.CorrelationId] = row;
    }

    /// <summary>Stores the message's work; the cache keeps the row as stored, or forgets it when the save failed.</summary>
    private async Task SaveAsync(SagaRow row)
    {
        try
        {
            await _work.SaveChangesAsync(CancellationToken);
        }
        catch
        {
            _cache?.Remove(row.CorrelationId);
            throw;
        }

        _cache?.Set(row);
    }
}
