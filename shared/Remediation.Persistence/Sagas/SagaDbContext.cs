using Microsoft.EntityFrameworkCore;

namespace Remediation.Persistence.Sagas;

/// <summary>The table of saga documents (<c>saga_instances</c>), shared by every saga type of a service.</summary>
public sealed class SagaDbContext(DbContextOptions<SagaDbContext> options) : DbContext(options)
{
    public DbSet<SagaRow> Sagas => Set<SagaRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapSagaDocuments(this);
        modelBuilder.ApplyRemediationConventions(this);
    }
}

public static class SagaModelBuilderExtensions
{
    /// <summary>
    /// Maps <c>saga_instances</c> in <paramref name="context"/>'s model. A service whose saga writes other rows in the
    /// saga's own transaction maps the sagas and those rows in one context and stores its saga with
    /// <c>DocumentRepository&lt;TSaga, TContext&gt;()</c>.
    /// </summary>
    public static ModelBuilder MapSagaDocuments(this ModelBuilder modelBuilder, DbContext context)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<SagaRow>(row =>
        {
            row.ToTable("saga_instances");
            row.HasKey(r => new { r.SagaType, r.CorrelationId });
            row.Property(r => r.SagaType).HasMaxLength(200);
            row.Property(r => r.CurrentState).HasMaxLength(100);
            row.Property(r => r.Version).IsConcurrencyToken();
            row.Property(r => r.Data).IsJsonDocument(context);
            row.HasIndex(r => new { r.SagaType, r.CurrentState });
            row.Metadata.SetAnnotation(SchemaStatements.PostgreSqlAnnotation, LostUpdateTrigger);
        });
        return modelBuilder;
    }

    /// <summary>
    /// On PostgreSQL a saga's update is sent with what it stores beside it as one batch without BEGIN/COMMIT (one implicit
    /// transaction, one round trip; see <see cref="SagaUnitOfWork"/>). An update guarded by the version column that finds no
    /// row does not fail by itself, so the batch's other statements would commit: these statement-level triggers make an
    /// <c>UPDATE</c> or <c>DELETE</c> of <c>saga_instances</c> that touched no row raise a serialization failure (40001),
    /// which undoes the whole batch, and the message is retried on the fresh state.
    /// </summary>
    internal const string LostUpdateTriggerName = "saga_instances_lost_update";
    internal const string LostDeleteTriggerName = "saga_instances_lost_delete";

    private static readonly string[] LostUpdateTrigger =
    [
        """
        CREATE OR REPLACE FUNCTION saga_instances_lost_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM touched) THEN
                RAISE EXCEPTION 'saga_instances: the % matched no row (changed or removed concurrently)', lower(TG_OP)
                    USING ERRCODE = 'serialization_failure';
            END IF;
            RETURN NULL;
        END
        $$
        """,
        $"CREATE OR REPLACE TRIGGER {LostUpdateTriggerName} AFTER UPDATE ON saga_instances REFERENCING NEW TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION saga_instances_lost_update()",
        $"CREATE OR REPLACE TRIGGER {LostDeleteTriggerName} AFTER DELETE ON saga_instances REFERENCING OLD TABLE AS touched FOR EACH STATEMENT EXECUTE FUNCTION saga_instances_lost_update()",
    ];
}
