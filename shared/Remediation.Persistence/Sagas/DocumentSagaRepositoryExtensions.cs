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
        where TContext : DbContext
    {
        configurator.Repository(r =>
        {
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
