using Npgsql;

namespace Remediation.Testing;

/// <summary>
/// A real PostgreSQL server for tests. <see cref="GetSharedAsync"/> is the one server of the test process: the one
/// <see cref="TestEnvironment.Postgres"/> names (a superuser connection string), or else a throwaway cluster started on first
/// use and stopped when the process exits. Tests isolate themselves with <see cref="CreateDatabaseAsync"/>. A test that must
/// stop and restart the server uses its own, from <see cref="StartDedicatedAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly PostgresCluster? _cluster;
    private readonly bool _isShared;
    private int _disposed;

    private PostgresServer(string adminConnectionString, PostgresCluster? cluster, bool isShared)
    {
        AdminConnectionString = adminConnectionString;
        _cluster = cluster;
        _isShared = isShared;
    }

    /// <summary>A superuser connection to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when the server was started elsewhere (environment variable): it cannot be stopped from here.</summary>
    public bool IsExternal => _cluster is null;

    /// <summary>The server's recent log lines (for failure messages); empty for an external server.</summary>
    public string Log => _cluster?.ReadLog() ?? "";

    /// <summary>The server of this test process; started on first use unless the environment names one.</summary>
    public static Task<PostgresServer> GetSharedAsync() => Shared.Value;

    /// <summary>A server of the calling test's own, always a local throwaway cluster, that it may stop and start.</summary>
    public static async Task<PostgresServer> StartDedicatedAsync(CancellationToken cancellationToken = default)
    {
        var cluster = await PostgresCluster.CreateAsync(cancellationToken);
        var server = new PostgresServer(cluster.ConnectionString, cluster, isShared: false);
        ExitCleanup.Register(server, cluster.Destroy);
        try
        {
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a stopped dedicated server again on the same port and data.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => OwnCluster("start").StartAsync(cancellationToken);

    /// <summary>Stops a dedicated server cleanly; its databases stay for <see cref="StartAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var cluster = OwnCluster("stop");
        NpgsqlConnection.ClearAllPools();
        await cluster.StopAsync(cancellationToken);
    }

    /// <summary>A new, empty database with a unique name, dropped (connections and all) on dispose.</summary>
    public async Task<PostgresDatabase> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await ExecuteAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
        return new PostgresDatabase(this, name, connectionString);
    }

    internal async Task DropDatabaseAsync(string name, string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(connection);
        if (_cluster is { IsRunning: false })
            return; // A stopped dedicated server: its directory goes with it.

        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        // The shared server lives as long as the test process; disposing it from one test must not stop the others.
        if (_isShared || Interlocked.Exchange(ref _disposed, 1) == 1)
            return;

        if (_cluster is not null)
        {
            ExitCleanup.Unregister(this);
            NpgsqlConnection.ClearAllPools();
            await Task.Run(_cluster.Destroy);
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Database names are generated here, never taken from input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        if (TestEnvironment.Get(TestEnvironment.Postgres) is { } connectionString)
        {
            var external = new PostgresServer(connectionString, cluster: null, isShared: true);
            await external.WaitUntilReachableAsync();
            return external;
        }

        var cluster = await PostgresCluster.CreateAsync(CancellationToken.None);
        var server = new PostgresServer(cluster.ConnectionString, cluster, isShared: true);
        ExitCleanup.Register(server, cluster.Destroy);
        try
        {
            await cluster.StartAsync(CancellationToken.None);
            return server;
        }
        catch
        {
            ExitCleanup.Unregister(server);
            cluster.Destroy();
            throw;
        }
    }

    private async Task WaitUntilReachableAsync()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await ExecuteAsync("SELECT 1", CancellationToken.None);
                return;
            }
            catch (NpgsqlException ex)
            {
                if (DateTimeOffset.UtcNow > deadline)
                    throw new InvalidOperationException($"The PostgreSQL server named by {TestEnvironment.Postgres} does not answer: {ex.Message}", ex);
                await Task.Delay(250);
            }
        }
    }

    private PostgresCluster OwnCluster(string action) =>
        _cluster ?? throw new InvalidOperationException($"Cannot {action} an external PostgreSQL server; use PostgresServer.StartDedicatedAsync().");
}
