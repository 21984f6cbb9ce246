using Microsoft.EntityFrameworkCore;
using Remediation.Persistence;

namespace Remediation.Decision.Records;

/// <summary>The <c>decision_records</c> table.</summary>
public sealed class DecisionDbContext(DbContextOptions<DecisionDbContext> options) : DbContext(options)
{
    public DbSet<DecisionRecord> Decisions => Set<DecisionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DecisionRecord>(d =>
        {
            d.ToTable("decision_records");
            d.HasKey(x => x.DecisionId);
            d.Property(x => x.Environment).HasMaxLength(200);
            d.Property(x => x.Service).HasMaxLength(200);
            d.Property(x => x.Outcome).HasMaxLength(50);
            d.Property(x => x.Rule).HasMaxLength(100);
            d.Property(x => x.DecidedBy).HasMaxLength(200);
            d.Property(x => x.Document).IsJsonDocument(this);
            d.HasIndex(x => x.IncidentId);
            d.HasIndex(x => new { x.Environment, x.Service, x.OccurredAt });
        });
        modelBuilder.ApplyRemediationConventions(this);
    }
}
