using Microsoft.EntityFrameworkCore;

namespace Remediation.Persistence.Sagas;

/// <summary>
/// What one message's handling stores with the saga, committed in the saga's own transaction: rows added to
/// <see cref="Db"/> (the repository's context) and statements queued with <see cref="Execute"/>. If the saga's update
/// loses to a concurrent one, none of it is stored and the message is retried on the fresh state. A payload of the saga's
/// consume context (<c>context.GetPayload&lt;SagaUnitOfWork&gt;()</c>).
/// </summary>
public sealed class SagaUnitOfWork(DbContext db)
{
    private List<Func<DbContext, CancellationToken, Task>>? _statements;
    private List<Action>? _committed;

    public DbContext Db { get; } = db;

    /// <summary>Runs <paramref name="statement"/> in the saga's transaction, before the saga's row is written.</summary>
    public void Execute(Func<DbContext, CancellationToken, Task> statement) => (_statements ??= []).Add(statement);

    /// <summary>Calls <paramref name="action"/> once the transaction has committed.</summary>
    public void OnCommitted(Action action) => (_committed ??= []).Add(action);

    internal async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        var statements = _statements;
        _statements = null;
        if (statements is null)
        {
            // One statement batch: EF Core wraps several commands in a transaction itself.
            await Db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var statement in statements)
                await statement(Db, cancellationToken);
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
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
