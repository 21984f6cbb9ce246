using Microsoft.EntityFrameworkCore;
using Remediation.Persistence;

namespace Remediation.Scheduling;

/// <summary>The <c>scheduled_messages</c> table.</summary>
public sealed class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : DbContext(options)
{
    public DbSet<ScheduledMessage> ScheduledMessages => Set<ScheduledMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ScheduledMessage>(m =>
        {
            m.ToTable("scheduled_messages");
            m.HasKey(x => x.TokenId);
            m.Property(x => x.Destination).HasMaxLength(1000);
            m.Property(x => x.ContentType).HasMaxLength(200);
            m.Property(x => x.MessageTypes).HasMaxLength(2000);
            m.HasIndex(x => x.DueAt);
        });
        modelBuilder.ApplyRemediationConventions(this);
    }
}
