namespace Remediation.Testing;

/// <summary>A test's own database on a <see cref="PostgresServer"/>; dropped on dispose.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private int _disposed;

    internal PostgresDatabase(PostgresServer server, string name, string connectionString)
    {
        Server = server;
        Name = name;
        ConnectionString = connectionString;
        Configuration = new Dictionary<string, string?>
        {
            ["Remediation:Persistence:Provider"] = "PostgreSql",
            ["Remediation:Persistence:ConnectionString"] = connectionString,
        };
    }

    public PostgresServer Server { get; }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The <c>Remediation:Persistence:*</c> pairs that put a host's state in this database.</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            await Server.DropDatabaseAsync(Name, ConnectionString);
    }

    public override string ToString() => Name;
}
