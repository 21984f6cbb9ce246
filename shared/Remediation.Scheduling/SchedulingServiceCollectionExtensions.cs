using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Remediation.Messaging;
using Remediation.Persistence;
using Remediation.Persistence.Sagas;

namespace Remediation.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Hosts the durable scheduler in this process: it consumes the scheduler queue (the one the bus sends every
    /// scheduled message to), stores each message in <c>scheduled_messages</c> and sends it when due. Works on a broker
    /// without the delayed-message plugin and survives restarts of the host, the broker and the database.
    /// </summary>
    public static IServiceCollection AddDurableScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section)
            .Validate(o => o.MaxIdle > TimeSpan.Zero && o.BatchSize > 0 && o.RetryDelay > TimeSpan.Zero,
                $"{SchedulingOptions.Section}: MaxIdle, BatchSize and RetryDelay must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SchedulerSignal>();
        services.AddRemediationDbContext<SchedulerDbContext>();
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<SchedulerDbContext>>().CreateDbContext());
        services.AddHostedService<ScheduledMessageDispatcher>();

        var messaging = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        var queue = $"{messaging.QueuePrefix}{messaging.SchedulerQueue}";
        services.AddBusModule("scheduler", bus =>
        {
            bus.AddConsumer<ScheduleMessageConsumer>(c => c.Options<BatchOptions>(o => o
                    .SetMessageLimit(ScheduleMessageConsumer.MessageLimit).SetTimeLimit(ScheduleMessageConsumer.TimeLimit)))
                .Endpoint(e => e.Name = queue);
            bus.AddConsumer<CancelScheduledMessageConsumer>(c => c.Options<BatchOptions>(o => o
                    .SetMessageLimit(ScheduleMessageConsumer.MessageLimit).SetTimeLimit(ScheduleMessageConsumer.TimeLimit)))
                .Endpoint(e => e.Name = queue);
        });
        return services;
    }

    /// <summary>
    /// Sagas stored by the document repository keep their timers in the saga's own transaction instead of sending
    /// <c>ScheduleMessage</c> commands: the repository's context must map <c>scheduled_messages</c>
    /// (<see cref="SchedulerModelBuilderExtensions.MapScheduledMessages"/>) beside <c>saga_instances</c>. The dispatcher of
    /// <see cref="AddDurableScheduler"/> sends them when due, as it sends every other stored message.
    /// </summary>
    public static IServiceCollection StoreSagaTimersInSagaTransaction(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaPayloadFactory, SagaTransactionSchedulerFactory>());
        return services;
    }
}
