using System.Collections.Concurrent;
using MassTransit;
using Remediation.Contracts.Rollbacks;
using Remediation.Testing;

namespace Remediation.Executor.Tests.Support;

/// <summary>
/// A bus of the test's own on a virtual host, where the decision service would be: it publishes requests and records the
/// executor's answers (and any fault) as they travelled the broker.
/// </summary>
internal sealed class OutcomeProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<object> _received = new();
    private readonly IBusControl _bus;

    private OutcomeProbe(RabbitMqVirtualHost virtualHost)
    {
        var server = virtualHost.Server;
        _bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(server.Host, (ushort)server.Port, virtualHost.Name, h =>
            {
                h.Username(server.Username);
                h.Password(server.Password);
            });
            cfg.ReceiveEndpoint("executor-tests-probe", e =>
            {
                e.Handler<RollbackCompleted>(c => Record(c.Message));
                e.Handler<RollbackFailed>(c => Record(c.Message));
                e.Handler<Fault<RollbackRequested>>(c => Record(c.Message));
            });
        });
    }

    public IReadOnlyList<T> All<T>()
        where T : class => [.. _received.OfType<T>()];

    public static async Task<OutcomeProbe> StartAsync(RabbitMqVirtualHost virtualHost)
    {
        var probe = new OutcomeProbe(virtualHost);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await probe._bus.StartAsync(timeout.Token);
        return probe;
    }

    public Task PublishAsync<T>(T message)
        where T : class => _bus.Publish(message);

    /// <summary>Waits until <paramref name="count"/> answers to the request arrived.</summary>
    public Task<IReadOnlyList<RollbackCompleted>> CompletedAsync(Guid requestId, int count) =>
        Eventually.UntilAsync(() => Task.FromResult<IReadOnlyList<RollbackCompleted>>([.. All<RollbackCompleted>().Where(c => c.RequestId == requestId)]),
            found => found.Count >= count, TimeSpan.FromSeconds(60), $"{count} RollbackCompleted for {requestId}");

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _bus.StopAsync(timeout.Token);
    }

    private Task Record(object message)
    {
        _received.Enqueue(message);
        return Task.CompletedTask;
    }
}
