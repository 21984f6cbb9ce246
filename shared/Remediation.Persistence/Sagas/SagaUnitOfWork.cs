using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Remediation.Persistence.Sagas;

/// <summary>
/// What one message's handling stores with the saga, committed in the saga's own transaction: rows added to, changed in or
/// removed from <see cref="Db"/> (the repository's context). If the saga's update loses to a concurrent one, none of it is
/// stored and the message is retried on the fresh state. A payload of the saga's consume context
/// (<c>context.GetPayload&lt;SagaUnitOfWork&gt;()</c>).
/// </summary>
public sealed class SagaUnitOfWork(DbContext db)
{
    private static readonly ConcurrentDictionary<string, bool> Guarded = new(StringComparer.Ordinal);
    private List<Action>? _committed;

    public DbContext Db { get; } = db;

    /// <summary>Calls <paramref name="action"/> once the transaction has committed.</summary>
    public void OnCommitted(Action action) => (_committed ??= []).Add(action);

    /// <summary>
    /// Whether this PostgreSQL database has the triggers that make a lost update of saga_instances fail (the schema
    /// initializer creates them at start; a database whose schema was made another way may lack them, and then every save
    /// takes the explicit transaction). Looked up once per connection string.
    /// </summary>
    private async Task<bool> LostUpdatesFailAsync(CancellationToken cancellationToken)
    {
        if (!Db.IsPostgreSql())
            return false;
        var key = Db.Database.GetConnectionString() ?? "";
        if (Guarded.TryGetValue(key, out var known))
            return known;
        var triggers = await Db.Database.SqlQuery<int>(
                $"SELECT count(*)::int AS \"Value\" FROM pg_trigger WHERE tgrelid = to_regclass('saga_instances') AND tgname IN ({SagaModelBuilderExtensions.LostUpdateTriggerName}, {SagaModelBuilderExtensions.LostDeleteTriggerName})")
            .SingleAsync(cancellationToken);
        return Guarded[key] = triggers == 2;
    }

    internal async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        if (await LostUpdatesFailAsync(cancellationToken))
        {
            // One batch, one round trip, no BEGIN/COMMIT: Npgsql sends the batch's statements with one Sync, so they are
            // one implicit transaction, and the saga_instances triggers (MapSagaDocuments) make a lost update fail inside
            // it instead of leaving the rows beside it committed. EF Core's own transaction would add a COMMIT round trip.
            var database = Db.Database;
            var behavior = database.AutoTransactionBehavior;
            database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            try
            {
                await Db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                database.AutoTransactionBehavior = behavior;
            }
        }
        else
        {
            // SQLite (or a PostgreSQL database without the triggers): EF Core wraps several commands in a transaction itself.
            await Db.SaveChangesAsync(cancellationToken);
        }

        var committed = _committed;
        _committed = null;
        committed?.ForEach(action => action());
    }
}

/// <summary>
/// Adds a payload to every saga consume context of the document repository, given the message's unit of work: how a
/// library takes part in the saga's transaction (the durable scheduler stores a saga's timers this way). Null: nothing
/// for this saga (its context does not map what the library would store).
/// </summary>
public interface ISagaPayloadFactory
{
    object? Create(MassTransit.ConsumeContext context, SagaUnitOfWork unitOfWork);
}
