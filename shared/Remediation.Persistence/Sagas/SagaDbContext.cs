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
        });
        return modelBuilder;
    }
}
