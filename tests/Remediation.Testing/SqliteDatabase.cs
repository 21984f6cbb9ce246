using Microsoft.Data.Sqlite;

namespace Remediation.Testing;

/// <summary>A test's own SQLite file (the embedded default), deleted with its journal on dispose.</summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _directory;

    private SqliteDatabase(string directory)
    {
        _directory = directory;
        Path = System.IO.Path.Combine(directory, "remediation.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path }.ConnectionString;
        Configuration = new Dictionary<string, string?>
        {
            ["Remediation:Persistence:Provider"] = "Sqlite",
            ["Remediation:Persistence:ConnectionString"] = ConnectionString,
        };
    }

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>The <c>Remediation:Persistence:*</c> pairs that put a host's state in this file.</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; }

    public static SqliteDatabase Create() => new(ScratchDirectory.Create("sqlite"));

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        ScratchDirectory.Delete(_directory);
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Path;
}
