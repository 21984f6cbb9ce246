using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Remediation.Messaging;
using Remediation.Persistence;
using Remediation.Persistence.Sagas;
using Remediation.Scheduling;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Sagas;

/// <summary>
/// A host running the counter saga on the document repository (and, when asked, the durable scheduler), configured like
/// a real service: RabbitMQ transport, the given database, short retry intervals. Its saga queue is
/// <c>{prefix}counter</c>, so that two hosts on one virtual host can be addressed one at a time.
/// </summary>
public sealed class CounterService : IAsyncDisposable
{
    private readonly IHost _host;

    private CounterService(IHost host, string queue)
    {
        _host = host;
        Queue = queue;
    }

    public string Queue { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<CounterService> StartAsync(RabbitMqVirtualHost vhost, IReadOnlyDictionary<string, string?> store, SagaGate? gate = null,
        string prefix = "", bool scheduler = false, IEnumerable<KeyValuePair<string, string?>>? settings = null, TimerStore timers = TimerStore.SchedulerQueue,
        bool cached = false)
    {
        var configuration = TestConfiguration.Create()
            .Add(vhost.Configuration)
            .Add(store)
            .Add("Remediation:Messaging:QueuePrefix", prefix)
            .Add(RetryIntervals(10, 50, 100, 200, 400, 800))
            .Add(settings ?? [])
            .Build();
        var queue = prefix + "counter";
        var host = await TestHost.StartAsync(configuration, builder =>
        {
            builder.Services.AddSingleton(gate ?? new SagaGate());
            builder.Services.AddSagaDocuments();
            if (scheduler)
                builder.Services.AddDurableScheduler(builder.Configuration);
            if (timers == TimerStore.SagaTransaction)
            {
                builder.Services.AddRemediationDbContext<CounterStoreDbContext>();
                builder.Services.StoreSagaTimersInSagaTransaction();
                builder.Services.AddBusModule("counter", bus =>
                    bus.AddSagaStateMachine<CounterStateMachine, CounterState>().DocumentRepository<CounterState, CounterStoreDbContext>().Endpoint(e => e.Name = queue));
            }
            else
            {
                if (timers == TimerStore.SchedulerQueueBesideSagaTransaction)
                    builder.Services.StoreSagaTimersInSagaTransaction();
                builder.Services.AddBusModule("counter", bus =>
                {
                    var saga = bus.AddSagaStateMachine<CounterStateMachine, CounterState>();
                    (cached ? saga.CachedDocumentRepository<CounterState, SagaDbContext>() : saga.DocumentRepository()).Endpoint(e => e.Name = queue);
                });
            }
            builder.Services.AddRemediationMessaging(builder.Configuration);
        });
        return new CounterService(host, queue);
    }

    public static IEnumerable<KeyValuePair<string, string?>> RetryIntervals(params int[] milliseconds) =>
        milliseconds.Select((ms, i) => KeyValuePair.Create($"Remediation:Messaging:RetryIntervals:{i}",
            (string?)TimeSpan.FromMilliseconds(ms).ToString("c", CultureInfo.InvariantCulture)));

    /// <summary>
    /// Sends straight to this host's saga queue (a publish would reach every host on the virtual host), through the queue's
    /// exchange: a <c>queue:</c> address would declare it as a classic queue, which fails when it is a quorum queue.
    /// </summary>
    public async Task SendAsync<T>(T message)
        where T : class
    {
        var endpoint = await _host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"exchange:{Queue}"));
        await endpoint.Send(message);
    }

    /// <summary>The stored instance, read through the repository's query side; null when there is none.</summary>
    public async Task<CounterState?> LoadAsync(Guid counterId)
    {
        var repository = _host.Services.GetRequiredService<ILoadSagaRepository<CounterState>>();
        return await repository.Load(counterId);
    }

    /// <summary>
    /// Changes the stored document behind the repository's back, as a hand edit or another process would, with or without
    /// moving the version on.
    /// </summary>
    public async Task ChangeStoredAsync(Guid counterId, Action<System.Text.Json.Nodes.JsonNode> change, bool newVersion)
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<SagaDbContext>>().CreateDbContextAsync();
        var row = await db.Sagas.SingleAsync(r => r.CorrelationId == counterId);
        var document = System.Text.Json.Nodes.JsonNode.Parse(row.Data)!;
        change(document);
        row.Data = document.ToJsonString();
        if (newVersion)
            row.Version++;
        await db.SaveChangesAsync();
    }

    public async Task<int> CountRowsAsync(Guid counterId)
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<SagaDbContext>>().CreateDbContextAsync();
        return await db.Sagas.CountAsync(r => r.CorrelationId == counterId);
    }

    public async Task<IReadOnlyList<Remediation.Scheduling.ScheduledMessage>> ScheduledAsync()
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>().CreateDbContextAsync();
        return await db.ScheduledMessages.AsNoTracking().ToListAsync();
    }

    /// <summary>Deletes a timer's row behind the saga's back, as the dispatcher does once it has sent it.</summary>
    public async Task<int> DeleteScheduledAsync(Guid tokenId)
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>().CreateDbContextAsync();
        return await db.ScheduledMessages.Where(m => m.TokenId == tokenId).ExecuteDeleteAsync();
    }

    public ValueTask DisposeAsync() => new(_host.StopAndDisposeAsync());
}
