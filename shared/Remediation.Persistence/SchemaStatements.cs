using Microsoft.EntityFrameworkCore.Metadata;

namespace Remediation.Persistence;

/// <summary>
/// DDL an entity type needs beyond its table on PostgreSQL (functions, triggers), kept as an annotation beside its
/// mapping. The schema initializer runs it at every start, after the tables exist, so it must be idempotent
/// (<c>CREATE OR REPLACE</c>); that is also how a database created by an earlier version gets it.
/// </summary>
public static class SchemaStatements
{
    public const string PostgreSqlAnnotation = "Remediation:PostgreSqlStatements";

    public static IEnumerable<string> PostgreSql(IModel model) =>
        model.GetEntityTypes().SelectMany(e => e.FindAnnotation(PostgreSqlAnnotation)?.Value as string[] ?? []).Distinct(StringComparer.Ordinal);
}
