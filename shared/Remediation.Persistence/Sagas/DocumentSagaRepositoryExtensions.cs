using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Remediation.Persistence.Sagas;

public static class DocumentSagaRepositoryExtensions
{
    /// <summary>Stores the saga in <c>saga_instances</c> on the configured database, with optimistic concurrency.</summary>
    public static ISagaRegistrationConfigurator<TSaga> DocumentRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, IStoredSaga, SagaStateMachineInstance
    {
        configurator.Repository(r =>
        {
            r.TryAddSingleton(TimeProvider.System);
            r.RegisterLoadSagaRepository<TSaga, DocumentSagaRepositoryContextFactory<TSaga>>();
            r.RegisterQuerySagaRepository<TSaga, DocumentSagaRepositoryContextFactory<TSaga>>();
            r.RegisterSagaRepository<TSaga, SagaDbContext, SagaConsumeContextFactory<SagaDbContext, TSaga>, DocumentSagaRepositoryContextFactory<TSaga>>();
        });
        return configurator;
    }

    /// <summary>Registers the saga table's context; call once per host that stores sagas.</summary>
    public static IServiceCollection AddSagaDocuments(this IServiceCollection services) => services.AddRemediationDbContext<SagaDbContext>();
}
