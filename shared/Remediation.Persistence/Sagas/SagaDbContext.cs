using Microsoft.EntityFrameworkCore;

namespace Remediation.Persistence.Sagas;

/// <summary>The table of saga documents (<c>saga_instances</c>), shared by every saga type of a service.</summary>
public sealed class SagaDbContext(DbContextOptions<SagaDbContext> options) : DbContext(options)
{
    public DbSet<SagaRow> Sagas => Set<SagaRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SagaRow>(row =>
        {
            row.ToTable("saga_instances");
            row.HasKey(r => new { r.SagaType, r.CorrelationId });
            row.Property(r => r.SagaType).HasMaxLength(200);
            row.Property(r => r.CurrentState).HasMaxLength(100);
            row.Property(r => r.Version).IsConcurrencyToken();
            row.Property(r => r.Data).IsJsonDocument(this);
            row.HasIndex(r => new { r.SagaType, r.CurrentState });
        });
        modelBuilder.ApplyRemediationConventions(this);
    }
}
