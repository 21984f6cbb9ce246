using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Remediation.Messaging;

namespace Remediation.Testing;

public static class HarnessExtensions
{
    /// <summary>
    /// MassTransit's in-memory test harness with every module added to <paramref name="services"/> so far (call it after
    /// the modules' <c>Add...()</c>), the in-memory delayed scheduler (so that sagas' <c>Schedule</c> and
    /// <c>Unschedule</c> work), and endpoints configured like the real bus: retry, then in-memory outbox. The harness
    /// waits longer than MassTransit's defaults before it calls a bus inactive, for loaded machines.
    /// </summary>
    public static IServiceCollection AddRemediationTestHarness(this IServiceCollection services, Action<IBusRegistrationConfigurator>? configure = null)
    {
        services.AddOptions<TestHarnessOptions>().Configure(o =>
        {
            o.TestTimeout = TimeSpan.FromSeconds(60);
            o.TestInactivityTimeout = TimeSpan.FromSeconds(3);
        });

        services.AddMassTransitTestHarness(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddDelayedMessageScheduler();
            bus.AddBusModules(services);
            configure?.Invoke(bus);

            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.UseMessageRetry(r => r.Intervals(10, 50, 100));
                endpoint.UseInMemoryOutbox(context);
            });

            bus.UsingInMemory((context, cfg) =>
            {
                cfg.UseDelayedMessageScheduler();
                cfg.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
