using Microsoft.EntityFrameworkCore;
using Remediation.Persistence;
using Remediation.Persistence.Sagas;
using Remediation.Scheduling;

namespace Remediation.Decision.Records;

/// <summary>
/// The decision service's store: the per-service saga documents (<c>saga_instances</c>), its timers
/// (<c>scheduled_messages</c>) and its decisions (<c>decision_records</c>) in one context, so that handling a message
/// stores the saga's state, the decisions it made and the timers it set or cancelled in one transaction.
/// </summary>
public sealed class DecisionDbContext(DbContextOptions<DecisionDbContext> options) : DbContext(options)
{
    public DbSet<DecisionRecord> Decisions => Set<DecisionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapSagaDocuments(this);
        modelBuilder.MapScheduledMessages();
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
