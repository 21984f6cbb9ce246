using Npgsql;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Fixtures;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Database_is_usable_and_dropped_on_dispose()
    {
        var server = await PostgresServer.GetSharedAsync();
        string name;
        await using (var database = await server.CreateDatabaseAsync())
        {
            name = database.Name;
            Assert.Equal("PostgreSql", database.Configuration["Remediation:Persistence:Provider"]);
            Assert.Equal(database.ConnectionString, database.Configuration["Remediation:Persistence:ConnectionString"]);

            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await ExecuteAsync(connection, "CREATE TABLE t (id int)");
            Assert.Equal(database.Name, await ScalarAsync<string>(connection, "SELECT current_database()"));
        }

        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync();
        Assert.Equal(0L, await ScalarAsync<long>(admin, $"SELECT count(*) FROM pg_database WHERE datname = '{name}'"));
    }

    [Fact]
    public async Task Dedicated_server_keeps_its_data_across_a_restart()
    {
        await using var server = await PostgresServer.StartDedicatedAsync();
        await using var database = await server.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, "CREATE TABLE t (id int); INSERT INTO t VALUES (42)");
        }

        await server.StopAsync();
        await using (var refused = new NpgsqlConnection(database.ConnectionString))
            await Assert.ThrowsAsync<NpgsqlException>(() => refused.OpenAsync());
        await server.StartAsync();

        await using var again = new NpgsqlConnection(database.ConnectionString);
        await again.OpenAsync();
        Assert.Equal(42, await ScalarAsync<int>(again, "SELECT id FROM t"));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
