using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Remediation.Persistence;

namespace Remediation.Detector.State;

/// <summary>
/// The hand-off's write as one multi-statement command: upsert the service's state and insert its outbox messages,
/// returning their ids. Written by hand because it is the detector's hot path; the tables themselves are EF Core's model
/// (<see cref="DetectorDbContext"/>). On PostgreSQL the command is one round trip and needs no explicit transaction:
/// Npgsql sends its statements with a single Sync, so the server runs them in one implicit transaction and a failing
/// statement undoes the ones before it (an explicit BEGIN/COMMIT would add the COMMIT's round trip to every new alert).
/// Microsoft.Data.Sqlite runs the statements one by one, so on SQLite they get a transaction of their own.
/// </summary>
internal static class DetectorSql
{
    public static async Task<List<long>> WriteAsync(DetectorDbContext db, (string Environment, string Service, string Document)? state,
        IReadOnlyList<(string Type, string Payload)> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var postgres = db.IsPostgreSql();
        var json = postgres ? "::jsonb" : "";
        object time = postgres ? now.ToUniversalTime() : now.UtcTicks;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = postgres ? null : await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new System.Text.StringBuilder();
            Add(command, "now", time);
            if (state is { } s)
            {
                sql.Append(
                    $"INSERT INTO detector_service_states (environment, service, document, version, updated_at) VALUES (@env, @svc, @doc{json}, 1, @now) " +
                    "ON CONFLICT (environment, service) DO UPDATE SET document = excluded.document, " +
                    "version = detector_service_states.version + 1, updated_at = excluded.updated_at;\n");
                Add(command, "env", s.Environment);
                Add(command, "svc", s.Service);
                Add(command, "doc", s.Document);
            }

            for (var i = 0; i < messages.Count; i++)
            {
                sql.Append($"INSERT INTO detector_outbox (message_type, payload, created_at, attempts) VALUES (@t{i}, @p{i}{json}, @now, 0) RETURNING id;\n");
                Add(command, $"t{i}", messages[i].Type);
                Add(command, $"p{i}", messages[i].Payload);
            }

#pragma warning disable CA2100 // The SQL is built from constants; every value is a parameter.
            command.CommandText = sql.ToString();
#pragma warning restore CA2100
            var ids = new List<long>(messages.Count);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                do
                {
                    while (await reader.ReadAsync(cancellationToken))
                        ids.Add(reader.GetInt64(0));
                }
                while (await reader.NextResultAsync(cancellationToken));
            }

            if (transaction is not null)
                await transaction.CommitAsync(cancellationToken);
            return ids;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
