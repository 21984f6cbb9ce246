using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Remediation.Persistence.Sagas;
using Remediation.Shared.Tests.Sagas.Messages;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Sagas;

/// <summary>The document saga repository on PostgreSQL and SQLite, over real RabbitMQ.</summary>
public sealed class DocumentSagaRepositoryTests
{
    private static readonly TimeSpan Timeout = Eventually.DefaultTimeout;

    [Theory]
    [InlineData(StoreKind.PostgreSql)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Saga_is_inserted_updated_with_a_new_version_and_deleted_when_finalized(StoreKind kind)
    {
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(kind);
        await using var service = await CounterService.StartAsync(vhost, store.Configuration);
        var id = Guid.NewGuid();

        await service.SendAsync(new StartCounter(id, Guid.NewGuid()));
        var started = await Eventually.UntilAsync(() => service.LoadAsync(id), s => s is not null, Timeout, "the saga inserted");
        Assert.Equal(("Active", 1, 1), (started!.CurrentState, started.Version, started.Starts));

        await service.SendAsync(new IncrementCounter(id, Guid.NewGuid()));
        await service.SendAsync(new IncrementCounter(id, Guid.NewGuid()));
        var counted = await Eventually.UntilAsync(() => service.LoadAsync(id), s => s?.Count == 2, Timeout, "two increments stored");
        Assert.Equal(3, counted!.Version);

        await service.SendAsync(new FinishCounter(id));
        await Eventually.UntilAsync(async () => await service.CountRowsAsync(id) == 0, Timeout, "the finalized saga's row deleted");
        Assert.Equal(0u, await vhost.CountMessagesAsync(service.Queue + "_error") ?? 0);
    }

    [Fact]
    public async Task Saga_document_is_jsonb_on_PostgreSQL_with_the_state_name_in_its_own_column()
    {
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        await using var service = await CounterService.StartAsync(vhost, store.Configuration);
        var id = Guid.NewGuid();

        await service.SendAsync(new StartCounter(id, Guid.NewGuid()));
        await Eventually.UntilAsync(() => service.LoadAsync(id), s => s is not null, Timeout, "the saga inserted");

        await using var db = await service.Services.GetRequiredService<IDbContextFactory<SagaDbContext>>().CreateDbContextAsync();
        var type = await db.Database.SqlQuery<string>(
            $"SELECT data_type AS \"Value\" FROM information_schema.columns WHERE table_name = 'saga_instances' AND column_name = 'data'").SingleAsync();
        var row = await db.Sagas.AsNoTracking().SingleAsync(r => r.CorrelationId == id);
        Assert.Equal("jsonb", type);
        Assert.Equal(("Active", nameof(CounterState), 1), (row.CurrentState, row.SagaType, row.Version));
        Assert.Contains("\"starts\":1", row.Data.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_PostgreSQL_an_update_or_delete_of_a_saga_row_that_matches_nothing_fails_and_undoes_its_batch()
    {
        // The saga's update goes out as one batch without BEGIN/COMMIT; the start-up's triggers are what make a lost
        // update (version moved on, row gone) abort that batch instead of committing the rows stored beside it.
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        await using var service = await CounterService.StartAsync(vhost, store.Configuration);
        var id = Guid.NewGuid();
        await service.SendAsync(new StartCounter(id, Guid.NewGuid()));
        await Eventually.UntilAsync(() => service.LoadAsync(id), s => s is not null, Timeout, "the saga inserted");

        await using var db = await service.Services.GetRequiredService<IDbContextFactory<SagaDbContext>>().CreateDbContextAsync();
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        async Task<Npgsql.PostgresException> LostAsync(string write)
        {
            await using var batch = new Npgsql.NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new Npgsql.NpgsqlBatchCommand("UPDATE saga_instances SET current_state = 'Changed' WHERE correlation_id = $1") { Parameters = { new() { Value = id } } },
                    new Npgsql.NpgsqlBatchCommand(write) { Parameters = { new() { Value = id } } },
                },
            };
            return await Assert.ThrowsAsync<Npgsql.PostgresException>(() => batch.ExecuteNonQueryAsync());
        }

        var update = await LostAsync("UPDATE saga_instances SET version = version + 1 WHERE correlation_id = $1 AND version = 99");
        var delete = await LostAsync("DELETE FROM saga_instances WHERE correlation_id = $1 AND version = 99");

        Assert.Equal((Npgsql.PostgresErrorCodes.SerializationFailure, Npgsql.PostgresErrorCodes.SerializationFailure), (update.SqlState, delete.SqlState));
        var row = await db.Sagas.AsNoTracking().SingleAsync(r => r.CorrelationId == id);
        Assert.Equal(("Active", 1), (row.CurrentState, row.Version));
    }

    [Theory]
    [InlineData(StoreKind.PostgreSql, false)]
    [InlineData(StoreKind.Sqlite, false)]
    [InlineData(StoreKind.PostgreSql, true)]
    [InlineData(StoreKind.Sqlite, true)]
    public async Task Concurrent_updates_of_one_instance_from_two_buses_are_both_applied_after_a_retry(StoreKind kind, bool cached)
    {
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(kind);
        var gate = new SagaGate();
        await using var a = await CounterService.StartAsync(vhost, store.Configuration, gate, prefix: "a-", cached: cached);
        await using var b = await CounterService.StartAsync(vhost, store.Configuration, gate, prefix: "b-", cached: cached);
        var id = Guid.NewGuid();
        await a.SendAsync(new StartCounter(id, Guid.NewGuid()));
        await Eventually.UntilAsync(() => a.LoadAsync(id), s => s is not null, Timeout, "the saga inserted");

        // A loads version 1 and is held; B loads version 1 and stores version 2; then A tries to store its version 2.
        var held = Guid.NewGuid();
        gate.Hold(held);
        await a.SendAsync(new IncrementCounter(id, held));
        await gate.ReachedAsync(held);
        await b.SendAsync(new IncrementCounter(id, Guid.NewGuid()));
        await Eventually.UntilAsync(() => b.LoadAsync(id), s => s?.Version == 2, Timeout, "B's update stored while A holds version 1");
        gate.Release(held);

        var final = await Eventually.UntilAsync(() => a.LoadAsync(id), s => s?.Version == 3, Timeout, "A's conflicting update retried and stored");
        Assert.Equal((2, 1), (final!.Count, final.RetriedUpdates));

        // B's last row is version 2 now: read again when uncached; cached, its copy loses to A's update and is retried.
        await b.SendAsync(new IncrementCounter(id, Guid.NewGuid()));
        var after = await Eventually.UntilAsync(() => b.LoadAsync(id), s => s?.Version == 4, Timeout, "B's next update stored");
        Assert.Equal((3, cached ? 2 : 1), (after!.Count, after.RetriedUpdates));
        Assert.Equal(0u, await vhost.CountMessagesAsync("a-counter_error") ?? 0);
        Assert.Equal(0u, await vhost.CountMessagesAsync("b-counter_error") ?? 0);
    }

    [Theory]
    [InlineData(StoreKind.PostgreSql, false)]
    [InlineData(StoreKind.Sqlite, false)]
    [InlineData(StoreKind.PostgreSql, true)]
    [InlineData(StoreKind.Sqlite, true)]
    public async Task Racing_first_inserts_from_two_buses_yield_one_row_with_both_starts(StoreKind kind, bool cached)
    {
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(kind);
        var gate = new SagaGate();
        await using var a = await CounterService.StartAsync(vhost, store.Configuration, gate, prefix: "a-", cached: cached);
        await using var b = await CounterService.StartAsync(vhost, store.Configuration, gate, prefix: "b-", cached: cached);
        var id = Guid.NewGuid();

        // A finds no instance and is held before it inserts; B inserts first; then A's insert hits the existing row.
        var held = Guid.NewGuid();
        gate.Hold(held);
        await a.SendAsync(new StartCounter(id, held));
        await gate.ReachedAsync(held);
        await b.SendAsync(new StartCounter(id, Guid.NewGuid()));
        await Eventually.UntilAsync(() => b.LoadAsync(id), s => s is not null, Timeout, "B's insert stored while A holds a new instance");
        gate.Release(held);

        var final = await Eventually.UntilAsync(() => a.LoadAsync(id), s => s?.Starts == 2, Timeout, "A's start retried as an update");
        Assert.Equal((2, 1, "Active"), (final!.Version, final.RetriedUpdates, final.CurrentState));
        Assert.Equal(1, await a.CountRowsAsync(id));
        Assert.Equal(0u, await vhost.CountMessagesAsync("a-counter_error") ?? 0);
    }
}
