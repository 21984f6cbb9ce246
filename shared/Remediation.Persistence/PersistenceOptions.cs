namespace Remediation.Persistence;

/// <summary>Where a service keeps its state. Bound from <c>Remediation:Persistence</c>.</summary>
public sealed class PersistenceOptions
{
    public const string Section = "Remediation:Persistence";

    /// <summary><see cref="PersistenceProvider.Sqlite"/> (embedded default) or <see cref="PersistenceProvider.PostgreSql"/>.</summary>
    public PersistenceProvider Provider { get; set; } = PersistenceProvider.Sqlite;

    /// <summary>The ADO.NET connection string; for SQLite the default is a file under <c>.data/</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=.data/remediation.db";

    /// <summary>
    /// How many instances of each cached saga type (<c>CachedDocumentRepository</c>) a process keeps its last stored row
    /// of, so that their next message skips reading it; 0 turns the cache off. A decision saga's row is 2–4 KB.
    /// </summary>
    public int SagaCacheCapacity { get; set; } = 10_000;
}
