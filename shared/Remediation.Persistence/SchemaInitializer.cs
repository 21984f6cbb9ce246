using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Remediation.Persistence;

/// <summary>
/// Creates, when the host starts and before the bus does, the tables of every registered context that the database
/// lacks. Several contexts may share one database (the standalone host puts every module in one SQLite file), and several
/// instances may start at once (a PostgreSQL advisory lock serialises them). New tables in a later version are created
/// the same way; a changed column needs a migration script (see docs/persistence.md).
/// </summary>
internal sealed class SchemaInitializer(IServiceProvider services, IEnumerable<SchemaRegistration> registrations, ILogger<SchemaInitializer> logger)
    : IHostedService
{
    private static readonly SemaphoreSlim LocalLock = new(1, 1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in registrations.DistinctBy(r => r.ContextType))
        {
            await using var scope = services.CreateAsyncScope();
            await using var context = registration.Create(scope.ServiceProvider);
            await EnsureTablesAsync(context, logger, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task EnsureTablesAsync(DbContext context, ILogger logger, CancellationToken cancellationToken)
    {
        var postgres = context.IsPostgreSql();
        var creator = context.GetService<IRelationalDatabaseCreator>();
        if (!postgres)
            EnsureSqliteDirectory(context.Database.GetConnectionString());
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (DbException) when (creator.Exists())
            {
                // Another instance created it first.
            }
        }

        await LocalLock.WaitAsync(cancellationToken);
        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
            var connection = context.Database.GetDbConnection();
            if (postgres)
                await ExecuteAsync(connection, "SELECT pg_advisory_lock(7262011)", cancellationToken);
            else
                await ExecuteAsync(connection, "PRAGMA journal_mode=WAL", cancellationToken);

            try
            {
                var existing = await ExistingTablesAsync(connection, postgres, cancellationToken);
                var model = context.GetService<IDesignTimeModel>().Model;
                var operations = context.GetService<IMigrationsModelDiffer>()
                    .GetDifferences(null, model.GetRelationalModel())
                    .Where(op => op switch
                    {
                        CreateTableOperation t => !existing.Contains(t.Name),
                        CreateIndexOperation i => !existing.Contains(i.Table),
                        EnsureSchemaOperation => true,
                        _ => false,
                    })
                    .ToList();

                if (operations.Count > 0)
                {
                    var commands = context.GetService<IMigrationsSqlGenerator>().Generate(operations, model);
                    foreach (var command in commands)
                        await ExecuteAsync(connection, command.CommandText, cancellationToken);

                    logger.LogInformation("Created tables {Tables} for {Context}",
                        string.Join(", ", operations.OfType<CreateTableOperation>().Select(t => t.Name)), context.GetType().Name);
                }

                if (postgres)
                {
                    foreach (var statement in SchemaStatements.PostgreSql(model))
                        await ExecuteAsync(connection, statement, cancellationToken);
                }
            }
            finally
            {
                if (postgres)
                    await ExecuteAsync(connection, "SELECT pg_advisory_unlock(7262011)", cancellationToken);
                await context.Database.CloseConnectionAsync();
            }
        }
        finally
        {
            LocalLock.Release();
        }
    }

    private static async Task<HashSet<string>> ExistingTablesAsync(DbConnection connection, bool postgres, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = postgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            names.Add(reader.GetString(0));
        return names;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is EF Core's own DDL for our model, or a constant of the model's annotations.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void EnsureSqliteDirectory(string? connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString ?? "" };
        if (builder.TryGetValue("Data Source", out var source) && source is string path && path.Length > 0 && path != ":memory:" &&
            Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            Directory.CreateDirectory(directory);
    }
}
