using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Remediation.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// The queue of a module's consumers: the module's name with the configured prefix. Modules name their queue
    /// explicitly because MassTransit's default (the consumer's class name) would put two modules' consumers of the same
    /// name — every module has an <c>IncidentResolvedConsumer</c> of its own — on one queue, and split their messages.
    /// </summary>
    public static string ModuleQueue(IConfiguration configuration, string module) =>
        $"{configuration[$"{MessagingOptions.Section}:{nameof(MessagingOptions.QueuePrefix)}"]}{module}";

    /// <summary>Adds a module's consumers and sagas to the bus the host builds later.</summary>
    public static IServiceCollection AddBusModule(this IServiceCollection services, string name, Action<IBusRegistrationConfigurator> configure)
    {
        if (services.Any(d => d.ServiceType == typeof(BusModule) && d.ImplementationInstance is BusModule m && m.Name == name))
            return services;

        services.AddSingleton(new BusModule(name, configure));
        return services;
    }

    /// <summary>
    /// Configures a bus registration the way every host does: the modules added to <paramref name="services"/>, queue names,
    /// retry then <c>_error</c>, the in-memory outbox, quorum queues when asked, and the durable scheduler's address, on the
    /// transport <paramref name="options"/> names. Tests pass it to <c>AddMassTransitTestHarness</c> to run the real set-up.
    /// </summary>
    public static void AddRemediationBus(this IBusRegistrationConfigurator bus, IServiceCollection services, MessagingOptions options)
    {
        var schedulerAddress = SchedulerAddress(options);
        bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.QueuePrefix, false));
        bus.AddBusModules(services);

        bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
        {
            endpoint.UseMessageRetry(r => r.Intervals([.. options.EffectiveRetryIntervals]));
            // Publishes of a consumer leave after it succeeded, all at once: each waits for its own broker confirm
            // instead of for the one before it. Consumers never rely on the order of two events from one message.
            endpoint.UseInMemoryOutbox(context, o => o.ConcurrentMessageDelivery = true);
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit && options.RabbitMq.UseQuorumQueues)
                rabbit.SetQuorumQueue();
        });

        if (options.Transport == MessagingTransport.RabbitMq)
        {
            bus.UsingRabbitMq((context, cfg) =>
            {
                var rabbit = options.RabbitMq;
                cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                {
                    if (!string.IsNullOrWhiteSpace(rabbit.Username))
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password ?? "");
                    }

                    h.PublisherConfirmation = true;
                    if (rabbit.UseTls)
                        h.UseSsl(s => s.Protocol = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
                });
                cfg.PrefetchCount = rabbit.PrefetchCount;
                cfg.UseMessageScheduler(schedulerAddress);
                cfg.ConfigureEndpoints(context);
            });
        }
        else
        {
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.UseMessageScheduler(schedulerAddress);
                cfg.ConfigureEndpoints(context);
            });
        }
    }

    /// <summary>
    /// Where scheduled messages go. A <c>queue:</c> address makes MassTransit declare the queue before it sends, as a classic
    /// queue: with quorum queues that declaration fails (the scheduler's queue exists as a quorum queue), so then the sends go
    /// to the scheduler's exchange, which its receive endpoint declares and binds at start in every host that schedules.
    /// </summary>
    internal static Uri SchedulerAddress(MessagingOptions options)
    {
        var name = options.QueuePrefix + options.SchedulerQueue;
        return options is { Transport: MessagingTransport.RabbitMq, RabbitMq.UseQuorumQueues: true }
            ? new Uri($"exchange:{name}")
            : new Uri($"queue:{name}");
    }

    /// <summary>Applies every module added to <paramref name="services"/> so far to a bus registration (the host's bus, or a test harness).</summary>
    public static void AddBusModules(this IBusRegistrationConfigurator bus, IServiceCollection services)
    {
        foreach (var module in services.Where(d => d.ServiceType == typeof(BusModule)).Select(d => (BusModule)d.ImplementationInstance!).ToList())
            module.Configure(bus);
    }

    /// <summary>
    /// Builds the one bus of this process for every module added before, on the transport the configuration names
    /// (<c>Remediation:Messaging:Transport</c>): in-memory for the standalone host, RabbitMQ for the services. Every
    /// receive endpoint retries a failing message at the configured intervals, then moves it to its <c>_error</c> queue;
    /// publishes of a consumer leave only after it succeeded (in-memory outbox); scheduled messages go to the durable
    /// scheduler's queue (see Remediation.Scheduling).
    /// </summary>
    public static IServiceCollection AddRemediationMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();

        // Read now: which transport to register is a start-up decision, and MassTransit wants it at registration time.
        var options = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();

        services.AddMassTransit(bus => bus.AddRemediationBus(services, options));
        return services;
    }
}
