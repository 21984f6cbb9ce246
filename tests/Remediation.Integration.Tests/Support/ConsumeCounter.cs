using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Remediation.Integration.Tests.Support;

/// <summary>
/// Counts, per message type, the deliveries a host's bus started and finished consuming — how a test knows that a
/// duplicate it sent was handled (and changed nothing) rather than not delivered yet.
/// </summary>
public sealed class ConsumeCounter : IConsumeObserver
{
    private readonly ConcurrentDictionary<Type, int> _started = new();
    private readonly ConcurrentDictionary<Type, int> _finished = new();

    /// <summary>Connects a counter to the bus of <paramref name="host"/>.</summary>
    public static ConsumeCounter Attach(ServiceHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var counter = new ConsumeCounter();
        host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(counter);
        return counter;
    }

    public int Started<T>() => _started.GetValueOrDefault(typeof(T));

    /// <summary>Deliveries of <typeparamref name="T"/> consumed to the end (successfully or not, after retries).</summary>
    public int Finished<T>() => _finished.GetValueOrDefault(typeof(T));

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        _started.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        _finished.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        _finished.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
