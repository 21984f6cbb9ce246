namespace Remediation.Persistence;

public enum PersistenceProvider
{
    /// <summary>A local SQLite file: the embedded default, one process.</summary>
    Sqlite = 0,

    /// <summary>PostgreSQL 15+: the distributed mode; jsonb for documents, row locks for the scheduler.</summary>
    PostgreSql = 1,
}
