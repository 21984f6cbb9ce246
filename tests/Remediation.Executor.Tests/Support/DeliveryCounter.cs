using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Remediation.Contracts.Rollbacks;

namespace Remediation.Executor.Tests.Support;

/// <summary>Counts the RollbackRequested deliveries a host's bus began to consume: which host took which copy.</summary>
internal sealed class DeliveryCounter : IConsumeObserver
{
    private int _started;

    public int Started => Volatile.Read(ref _started);

    public static DeliveryCounter Attach(IHost host)
    {
        var counter = new DeliveryCounter();
        host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(counter);
        return counter;
    }

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.Message is RollbackRequested)
            Interlocked.Increment(ref _started);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
