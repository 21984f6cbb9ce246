using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Remediation.Persistence;

/// <summary>
/// Entity types whose delete may find the row gone already, and that is not a conflict: deleting a cancelled timer's row
/// that the scheduler's dispatcher has just taken. On SQLite EF Core checks that every command of <c>SaveChanges</c>
/// touched one row and throws <see cref="DbUpdateConcurrencyException"/> otherwise (Npgsql's batch does not check a delete
/// without a concurrency token); for such a type the delete is tracked like any other, so it goes out in the same batch
/// and transaction as the rest of the save, and a miss is ignored. A miss of any other entity in the same save still
/// throws.
/// </summary>
public static class DeleteIfPresentExtensions
{
    private const string Annotation = "Remediation:DeleteIfPresent";

    /// <summary>Marks <typeparamref name="TEntity"/>'s deletes as "if present" (see the type's summary).</summary>
    public static EntityTypeBuilder<TEntity> DeleteIfPresent<TEntity>(this EntityTypeBuilder<TEntity> entity)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity.Metadata.SetAnnotation(Annotation, true);
        return entity;
    }

    /// <summary>Registered on every context of <see cref="PersistenceServiceCollectionExtensions.UseRemediationProvider"/>.</summary>
    internal sealed class Interceptor : SaveChangesInterceptor
    {
        public static readonly Interceptor Instance = new();

        public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result) =>
            OnlyMissedDeletesIfPresent(eventData) ? InterceptionResult.Suppress() : result;

        public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(ThrowingConcurrencyException(eventData, result));

        private static bool OnlyMissedDeletesIfPresent(ConcurrencyExceptionEventData eventData) =>
            eventData.Entries.Count > 0 &&
            eventData.Entries.All(e => e.State == EntityState.Deleted && e.Metadata.FindAnnotation(Annotation)?.Value is true);
    }
}
