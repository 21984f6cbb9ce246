using Microsoft.EntityFrameworkCore;
using Remediation.Persistence;

namespace Remediation.Scheduling;

/// <summary>The <c>scheduled_messages</c> table.</summary>
public sealed class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : DbContext(options)
{
    public DbSet<ScheduledMessage> ScheduledMessages => Set<ScheduledMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapScheduledMessages();
        modelBuilder.ApplyRemediationConventions(this);
    }
}

public static class SchedulerModelBuilderExtensions
{
    /// <summary>
    /// Maps <c>scheduled_messages</c>; a context that also maps a saga's documents lets the saga store its timers in its
    /// own transaction (<see cref="SchedulingServiceCollectionExtensions.StoreSagaTimersInSagaTransaction"/>).
    /// </summary>
    public static ModelBuilder MapScheduledMessages(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ScheduledMessage>(m =>
        {
            m.ToTable("scheduled_messages");
            m.HasKey(x => x.TokenId);
            m.Property(x => x.Destination).HasMaxLength(1000);
            m.Property(x => x.ContentType).HasMaxLength(200);
            m.Property(x => x.MessageTypes).HasMaxLength(2000);
            m.HasIndex(x => x.DueAt);

            // A saga's cancellation deletes its timer's row in the saga's batch; the dispatcher may have taken it already.
            m.DeleteIfPresent();
        });
        return modelBuilder;
    }
}
