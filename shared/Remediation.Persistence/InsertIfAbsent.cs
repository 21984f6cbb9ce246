using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Remediation.Persistence;

/// <summary>
/// <c>INSERT … ON CONFLICT DO NOTHING</c> for an entity of the model (PostgreSQL and SQLite both have it; EF Core does not):
/// one statement that inserts the row unless one with the same key exists, and says which happened. For "claim this id
/// once" paths, where reading first costs a round trip on every message and inserting first through
/// <c>SaveChanges</c> turns the rare duplicate into an exception that EF Core logs as an error. Columns, parameter
/// types and value conversions come from the model, so the statement stays true to the table as the model changes. Every
/// column is written from the entity's own values (no shadow properties, no store-generated keys). Runs in the context's
/// current transaction, if it has one.
/// </summary>
public static class InsertIfAbsentExtensions
{
    // By model: one context type has a model per provider (SQLite stores DateTimeOffset as ticks, PostgreSQL as timestamptz).
    private static readonly ConcurrentDictionary<(IModel Model, Type Entity), Statement> Statements = new();

    /// <summary>True when <paramref name="entity"/> was inserted, false when a row with its key exists already.</summary>
    public static async Task<bool> InsertIfAbsentAsync<TEntity>(this DbContext db, TEntity entity, CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entity);
        var statement = Statements.GetOrAdd((db.Model, typeof(TEntity)), key => Statement.Create(db, key.Entity));
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = statement.Sql;
            foreach (var column in statement.Columns)
                command.Parameters.Add(column.Mapping.CreateParameter(command, column.Parameter, column.Property.GetGetter().GetClrValue(entity), column.Property.IsNullable));

            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, string Parameter);

    private sealed record Statement(string Sql, Column[] Columns)
    {
        public static Statement Create(DbContext db, Type entity)
        {
            var type = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not an entity of {db.GetType().Name}.");
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var columns = type.GetProperties()
                .Select((p, i) => new Column(p, (RelationalTypeMapping)(p.FindRelationalTypeMapping(table) ?? p.GetRelationalTypeMapping()), sql.GenerateParameterName($"p{i}")))
                .ToArray();
            var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)));
            var values = string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}")));
            return new Statement($"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ({values}) ON CONFLICT DO NOTHING", columns);
        }
    }
}
