using Microsoft.EntityFrameworkCore;
using Npgsql;
using Remediation.Persistence;
using Remediation.Persistence.Sagas;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Persistence;

/// <summary>The services' defaults for PostgreSQL connections: statements prepared once per connection, no reset on every return to the pool.</summary>
public sealed class PostgreSqlConnectionStringTests
{
    [Fact]
    public void Defaults_are_added_when_the_connection_string_does_not_set_them()
    {
        var built = new NpgsqlConnectionStringBuilder(PersistenceServiceCollectionExtensions.PostgreSqlConnectionString("Host=db;Username=remediation;Password=x"));

        Assert.Equal((32, true, "db", "x"), (built.MaxAutoPrepare, built.NoResetOnClose, built.Host, built.Password));
    }

    [Fact]
    public void Values_the_connection_string_sets_are_kept()
    {
        var built = new NpgsqlConnectionStringBuilder(
            PersistenceServiceCollectionExtensions.PostgreSqlConnectionString("Host=db;Max Auto Prepare=0;No Reset On Close=false"));

        Assert.Equal((0, false), (built.MaxAutoPrepare, built.NoResetOnClose));
    }

    [Fact]
    public async Task A_statement_a_context_runs_repeatedly_is_prepared_on_the_server_and_survives_the_return_to_the_pool()
    {
        await using var database = await (await PostgresServer.GetSharedAsync()).CreateDatabaseAsync();
        var options = new PersistenceOptions
        {
            Provider = PersistenceProvider.PostgreSql,
            ConnectionString = database.ConnectionString,
        };
        var builder = new DbContextOptionsBuilder<SagaDbContext>();
        builder.UseRemediationProvider(options);
        await using (var create = new SagaDbContext(builder.Options))
            await create.Database.EnsureCreatedAsync();

        var id = Guid.NewGuid();
        for (var i = 0; i < 5; i++)
        {
            await using var db = new SagaDbContext(builder.Options);
            _ = await db.Sagas.Where(r => r.CorrelationId == id).ToListAsync();
        }

        await using var check = new SagaDbContext(builder.Options);
        await check.Database.OpenConnectionAsync();
        var prepared = await check.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        Assert.Contains(prepared, s => s.Contains("saga_instances", StringComparison.Ordinal));
    }
}
