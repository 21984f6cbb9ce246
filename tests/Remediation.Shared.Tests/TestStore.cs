using Remediation.Testing;

namespace Remediation.Shared.Tests;

/// <summary>The two databases the persistence code supports.</summary>
public enum StoreKind
{
    PostgreSql,
    Sqlite,
}

/// <summary>A test's own database of either kind, with the configuration pairs that select it.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly IAsyncDisposable _database;

    private TestStore(IAsyncDisposable database, IReadOnlyDictionary<string, string?> configuration)
    {
        _database = database;
        Configuration = configuration;
    }

    public IReadOnlyDictionary<string, string?> Configuration { get; }

    public static async Task<TestStore> CreateAsync(StoreKind kind)
    {
        if (kind == StoreKind.Sqlite)
        {
            var file = SqliteDatabase.Create();
            return new TestStore(file, file.Configuration);
        }

        var database = await (await PostgresServer.GetSharedAsync()).CreateDatabaseAsync();
        return new TestStore(database, database.Configuration);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
