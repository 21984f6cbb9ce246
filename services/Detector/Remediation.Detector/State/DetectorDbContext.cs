using Microsoft.EntityFrameworkCore;
using Remediation.Persistence;

namespace Remediation.Detector.State;

/// <summary>The detector's tables: the state of each service (active signals, open anomaly, dedup keys) and the outbox.</summary>
public sealed class DetectorDbContext(DbContextOptions<DetectorDbContext> options) : DbContext(options)
{
    public DbSet<ServiceStateRow> ServiceStates => Set<ServiceStateRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ServiceStateRow>(e =>
        {
            e.ToTable("detector_service_states");
            e.HasKey(r => new { r.Environment, r.Service });
            e.Property(r => r.Environment).HasMaxLength(200);
            e.Property(r => r.Service).HasMaxLength(200);
            e.Property(r => r.Document).IsJsonDocument(this);
        });
        modelBuilder.Entity<OutboxRow>(e =>
        {
            e.ToTable("detector_outbox");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedOnAdd();
            e.Property(r => r.MessageType).HasMaxLength(100);
            e.Property(r => r.Payload).IsJsonDocument(this);
            e.HasIndex(r => r.CreatedAt);
        });
        modelBuilder.ApplyRemediationConventions(this);
    }
}
