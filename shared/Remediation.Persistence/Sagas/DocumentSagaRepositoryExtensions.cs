using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Remediation.Persistence.Sagas;

public static class DocumentSagaRepositoryExtensions
{
    /// <summary>Stores the saga in <c>saga_instances</c> on the configured database, with optimistic concurrency.</summary>
    public static ISagaRegistrationConfigurator<TSaga> DocumentRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, IStoredSaga, SagaStateMachineInstance =>
        configurator.DocumentRepository<TSaga, SagaDbContext>();

    /// <summary>
    /// Stores the saga in <c>saga_instances</c> of <typeparamref name="TContext"/> (which maps it with
    /// <see cref="SagaModelBuilderExtensions.MapSagaDocuments"/> beside the rows the saga writes in its own transaction).
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> DocumentRepository<TSaga, TContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, IStoredSaga, SagaStateMachineInstance
        where TContext : DbContext =>
        configurator.Register<TSaga, TContext>(cached: false);

    /// <summary>
    /// <see cref="DocumentRepository{TSaga, TContext}"/> with the last stored row of recently used instances kept in
    /// memory (<see cref="SagaDocumentCache{TSaga}"/>): a message of such an instance skips reading its row, and the
    /// version check of its update catches a copy made stale by another process. For sagas that are never finalized: a
    /// deleted row created again would start its versions over, so this repository refuses to delete.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> CachedDocumentRepository<TSaga, TContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, IStoredSaga, SagaStateMachineInstance
        where TContext : DbContext =>
        configurator.Register<TSaga, TContext>(cached: true);

    private static ISagaRegistrationConfigurator<TSaga> Register<TSaga, TContext>(this ISagaRegistrationConfigurator<TSaga> configurator, bool cached)
        where TSaga : class, IStoredSaga, SagaStateMachineInstance
        where TContext : DbContext
    {
        configurator.Repository(r =>
        {
            if (cached)
                r.TryAddSingleton<SagaDocumentCache<TSaga>>();
            r.TryAddSingleton(TimeProvider.System);
            r.RegisterLoadSagaRepository<TSaga, DocumentSagaRepositoryContextFactory<TSaga, TContext>>();
            r.RegisterQuerySagaRepository<TSaga, DocumentSagaRepositoryContextFactory<TSaga, TContext>>();
            r.RegisterSagaRepository<TSaga, TContext, SagaConsumeContextFactory<TContext, TSaga>, DocumentSagaRepositoryContextFactory<TSaga, TContext>>();
        });
        return configurator;
    }

    /// <summary>Registers the saga table's context; call once per host that stores sagas.</summary>
    public static IServiceCollection AddSagaDocuments(this IServiceCollection services) => services.AddRemediationDbContext<SagaDbContext>();
}
