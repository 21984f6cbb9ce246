using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Remediation.Decision.Endpoints;
using Remediation.Decision.Records;
using Remediation.Decision.StateMachines;
using Remediation.Messaging;
using Remediation.Persistence;
using Remediation.Persistence.Sagas;
using Remediation.Policy;
using Remediation.Scheduling;
using Remediation.Security;

namespace Remediation.Decision;

/// <summary>
/// The decision module: the per-service saga (stored as documents with optimistic concurrency, with its decision records
/// and timers in the same transaction), the durable scheduler that sends the timers when due, and the HTTP API for
/// approvals and manual operations.
/// </summary>
public static class DecisionModule
{
    public static TBuilder AddDecision<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<DecisionOptions>().BindConfiguration(DecisionOptions.Section)
            .Validate(o => o.DeploymentHistoryLimit > 1 && o.DeduplicationWindow > 0 && o.PartitionCount > 0,
                $"{DecisionOptions.Section}: DeploymentHistoryLimit must exceed 1, DeduplicationWindow and PartitionCount must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddRemediationPolicy();
        services.AddRemediationAuth();
        services.AddRemediationDbContext<DecisionDbContext>();
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<DecisionDbContext>>().CreateDbContext());
        services.AddDurableScheduler(builder.Configuration);
        services.StoreSagaTimersInSagaTransaction();
        services.AddBusModule("decision", bus =>
            bus.AddSagaStateMachine<ServiceStateMachine, ServiceState>(typeof(ServiceStateMachineDefinition)).CachedDocumentRepository<ServiceState, DecisionDbContext>());
        return builder;
    }

    public static IEndpointRouteBuilder MapDecision(this IEndpointRouteBuilder endpoints) => endpoints.MapDecisionEndpoints();
}
