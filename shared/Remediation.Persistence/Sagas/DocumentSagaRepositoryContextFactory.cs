using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Remediation.Persistence.Sagas;

/// <summary>
/// MassTransit's repository hook for sagas stored as documents in <c>saga_instances</c> of <typeparamref name="TContext"/>
/// (PostgreSQL jsonb or SQLite). Each message gets its own context and <see cref="SagaUnitOfWork"/>; updates are guarded
/// by the version column, so a concurrent update of the same instance fails (<see cref="DbUpdateConcurrencyException"/>;
/// on PostgreSQL, where the update is one batch without an explicit transaction, a serialization failure raised by the
/// table's trigger) and the endpoint's retry runs the message again on the fresh state. A concurrent first insert fails on the primary key
/// and is retried the same way.
/// </summary>
public sealed class DocumentSagaRepositoryContextFactory<TSaga, TContext>(
    IDbContextFactory<TContext> contexts,
    ISagaConsumeContextFactory<TContext, TSaga> consumeContexts,
    IEnumerable<ISagaPayloadFactory> payloads,
    TimeProvider time,
    SagaDocumentCache<TSaga>? cache = null)
    : ISagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>
    where TSaga : class, IStoredSaga
    where TContext : DbContext
{
    private readonly ISagaPayloadFactory[] _payloads = [.. payloads];

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        await next.Send(Create(db, context));
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var repositoryContext = Create(db, context);
        var instances = await repositoryContext.QueryAsync(query, context.CancellationToken);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
    }

    public async Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await asyncMethod(new DocumentSagaReadContext<TSaga>(db, cancellationToken));
    }

    public async Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await asyncMethod(new DocumentSagaReadContext<TSaga>(db, cancellationToken));
    }

    public void Probe(ProbeContext context) => context.Add("persistence", "document");

    private DocumentSagaRepositoryContext<TSaga, T, TContext> Create<T>(TContext db, ConsumeContext<T> context)
        where T : class
    {
        var work = new SagaUnitOfWork(db);
        return new DocumentSagaRepositoryContext<TSaga, T, TContext>(db, work, [.. _payloads.Select(p => p.Create(context, work)).OfType<object>()], context, consumeContexts, time, cache);
    }
}
