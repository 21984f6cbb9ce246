using Microsoft.Extensions.Options;
using Remediation.Persistence;
using Remediation.Persistence.Sagas;
using Remediation.Shared.Tests.Sagas.Messages;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Sagas;

/// <summary>
/// The document repository with its cache of last stored rows (<c>CachedDocumentRepository</c>), on both databases over
/// real RabbitMQ. The concurrent-update and racing-insert tests of <see cref="DocumentSagaRepositoryTests"/> run on it too.
/// </summary>
public sealed class CachedDocumentSagaRepositoryTests
{
    private static readonly TimeSpan Timeout = Eventually.DefaultTimeout;

    [Theory]
    [InlineData(StoreKind.PostgreSql)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_message_starts_from_the_stored_copy_and_a_copy_made_stale_by_a_new_version_is_retried_on_the_row(StoreKind kind)
    {
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(kind);
        await using var service = await CounterService.StartAsync(vhost, store.Configuration, cached: true);
        var id = Guid.NewGuid();
        await service.SendAsync(new StartCounter(id, Guid.NewGuid()));
        await Eventually.UntilAsync(() => service.LoadAsync(id), s => s is not null, Timeout, "the saga inserted");
        await service.SendAsync(new IncrementCounter(id, Guid.NewGuid()));
        await Eventually.UntilAsync(() => service.LoadAsync(id), s => s?.Version == 2, Timeout, "counted once");

        // The row changed behind the repository without a new version: the next message does not read it, so the change
        // is overwritten from the copy. (Which is why a write outside the repository must move the version on.)
        await service.ChangeStoredAsync(id, d => d["count"] = 100, newVersion: false);
        await service.SendAsync(new IncrementCounter(id, Guid.NewGuid()));
        var fromCopy = await Eventually.UntilAsync(() => service.LoadAsync(id), s => s?.Version == 3, Timeout, "counted from the copy");
        Assert.Equal((2, 0), (fromCopy!.Count, fromCopy.RetriedUpdates));

        // With a new version, as another process's update leaves it: the copy's update matches no row, and the retry
        // starts from the row as stored.
        await service.ChangeStoredAsync(id, d => d["count"] = 10, newVersion: true);
        await service.SendAsync(new IncrementCounter(id, Guid.NewGuid()));
        var retried = await Eventually.UntilAsync(() => service.LoadAsync(id), s => s?.Version == 5, Timeout, "counted from the stored row after a retry");
        Assert.Equal((11, 1), (retried!.Count, retried.RetriedUpdates));
        Assert.Equal(0u, await vhost.CountMessagesAsync(service.Queue + "_error") ?? 0);
    }

    [Fact]
    public async Task A_cached_saga_is_not_finalized_and_keeps_its_row()
    {
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        await using var service = await CounterService.StartAsync(vhost, store.Configuration, cached: true);
        var id = Guid.NewGuid();
        await service.SendAsync(new StartCounter(id, Guid.NewGuid()));
        await Eventually.UntilAsync(() => service.LoadAsync(id), s => s is not null, Timeout, "the saga inserted");

        await service.SendAsync(new FinishCounter(id));

        await Eventually.UntilAsync(async () => await vhost.CountMessagesAsync(service.Queue + "_error") == 1, Timeout, "the finish faulted");
        Assert.Equal(1, await service.CountRowsAsync(id));
    }

    [Fact]
    public void The_cache_keeps_the_most_recently_used_copies_and_never_goes_back_to_an_older_version()
    {
        var cache = new SagaDocumentCache<CounterState>(Options.Create(new PersistenceOptions { SagaCacheCapacity = 2 }));
        SagaRow Row(Guid id, int version) => new() { SagaType = "CounterState", CorrelationId = id, Version = version, Data = $"{{\"v\":{version}}}" };
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        cache.Set(Row(a, 1));
        cache.Set(Row(b, 1));
        _ = cache.Get(a);
        cache.Set(Row(c, 1));
        cache.Set(Row(a, 3));
        cache.Set(Row(a, 2));

        Assert.Equal(2, cache.Count);
        Assert.Null(cache.Get(b));
        Assert.Equal((3, "{\"v\":3}"), (cache.Get(a)!.Version, cache.Get(a)!.Data));
        cache.Remove(a);
        Assert.Null(cache.Get(a));

        var off = new SagaDocumentCache<CounterState>(Options.Create(new PersistenceOptions { SagaCacheCapacity = 0 }));
        off.Set(Row(a, 1));
        Assert.Equal(0, off.Count);
    }
}
