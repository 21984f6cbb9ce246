using Microsoft.EntityFrameworkCore;
using Remediation.Persistence;

namespace Remediation.Notifier.Persistence;

/// <summary>The notifier's tables, prefixed <c>notifier_</c>.</summary>
public sealed class NotifierDbContext(DbContextOptions<NotifierDbContext> options) : DbContext(options)
{
    public DbSet<NotifierIncident> Incidents => Set<NotifierIncident>();

    public DbSet<NotifierEvent> Events => Set<NotifierEvent>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();

    public DbSet<ExternalReference> References => Set<ExternalReference>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<NotifierIncident>(m =>
        {
            m.ToTable("notifier_incidents");
            m.HasKey(x => x.IncidentId);
            m.Property(x => x.Environment).HasMaxLength(200);
            m.Property(x => x.Service).HasMaxLength(200);
            m.Property(x => x.Severity).HasConversion<string>().HasMaxLength(20);
        });

        modelBuilder.Entity<NotifierEvent>(m =>
        {
            m.ToTable("notifier_events");
            m.HasKey(x => x.EventKey);
            m.Property(x => x.EventKey).HasMaxLength(200);
            m.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
            m.Property(x => x.Environment).HasMaxLength(200);
            m.Property(x => x.Service).HasMaxLength(200);
            m.Property(x => x.OrderingKey).HasMaxLength(450);
            m.Property(x => x.Severity).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.Content).HasJsonConversion(this);
            m.HasIndex(x => x.RoutedAt);
            m.HasIndex(x => x.IncidentId);
        });

        modelBuilder.Entity<Notification>(m =>
        {
            m.ToTable("notifier_notifications");
            m.HasKey(x => x.Id);
            m.Property(x => x.Id).ValueGeneratedOnAdd();
            m.Property(x => x.EventKey).HasMaxLength(200);
            m.Property(x => x.Channel).HasMaxLength(100);
            m.Property(x => x.ChannelType).HasMaxLength(40);
            m.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
            m.Property(x => x.OrderingKey).HasMaxLength(450);
            m.Property(x => x.Severity).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.LastError).HasMaxLength(1000);
            // Saving a delivery's outcome checks the lease is still this instance's.
            m.Property(x => x.LeaseOwner).HasMaxLength(200).IsConcurrencyToken();
            // One notification per event per channel, whatever the number of deliveries of the event.
            m.HasIndex(x => new { x.EventKey, x.Channel }).IsUnique();
            m.HasIndex(x => new { x.Status, x.NextAttemptAt });
            m.HasIndex(x => new { x.Channel, x.OrderingKey, x.Status, x.Order });
            m.HasIndex(x => x.IncidentId);
        });

        modelBuilder.Entity<DeliveryAttempt>(m =>
        {
            m.ToTable("notifier_attempts");
            m.HasKey(x => x.Id);
            m.Property(x => x.Id).ValueGeneratedOnAdd();
            m.Property(x => x.Step).HasMaxLength(40);
            m.Property(x => x.Outcome).HasMaxLength(20);
            m.Property(x => x.Error).HasMaxLength(1000);
            m.HasIndex(x => x.NotificationId);
        });

        modelBuilder.Entity<ExternalReference>(m =>
        {
            m.ToTable("notifier_references");
            m.HasKey(x => new { x.IncidentId, x.Channel });
            m.Property(x => x.Channel).HasMaxLength(100);
            m.Property(x => x.ExternalId).HasMaxLength(300);
            m.Property(x => x.DisplayId).HasMaxLength(100);
            m.Property(x => x.Url).HasMaxLength(1000);
            m.Property(x => x.State).HasMaxLength(40);
        });

        modelBuilder.ApplyRemediationConventions(this);
    }
}
