using Microsoft.EntityFrameworkCore;
using Remediation.Persistence;
using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Storage;

/// <summary>The postmortem service's tables, all prefixed <c>postmortem_</c>.</summary>
public sealed class PostmortemDbContext(DbContextOptions<PostmortemDbContext> options) : DbContext(options)
{
    public DbSet<IncidentRow> Incidents => Set<IncidentRow>();

    public DbSet<TimelineRow> Timeline => Set<TimelineRow>();

    public DbSet<DeploymentRow> Deployments => Set<DeploymentRow>();

    public DbSet<ReportRow> Reports => Set<ReportRow>();

    public DbSet<ServiceLockRow> ServiceLocks => Set<ServiceLockRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IncidentRow>(e =>
        {
            e.ToTable("postmortem_incidents");
            e.HasKey(i => i.Id);
            e.Property(i => i.Severity).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.State).HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<IncidentState>(s, true)).HasMaxLength(16);
            e.Property(i => i.Chain).HasJsonConversion(this);
            e.HasIndex(i => new { i.Environment, i.Service, i.OpenedAt });
            e.HasIndex(i => i.OpenedAt);
        });

        modelBuilder.Entity<TimelineRow>(e =>
        {
            e.ToTable("postmortem_timeline");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedOnAdd();
            e.Property(t => t.Detail).IsJsonDocument(this);
            e.HasIndex(t => t.EventKey).IsUnique();
            e.HasIndex(t => t.IncidentId);
            e.HasIndex(t => new { t.Environment, t.Service, t.Type, t.AttachAt });
        });

        modelBuilder.Entity<DeploymentRow>(e =>
        {
            e.ToTable("postmortem_deployments");
            e.HasKey(d => d.Id);
            e.HasIndex(d => new { d.Environment, d.Service, d.DeployedAt });
            e.HasIndex(d => d.DeployedAt);
        });

        modelBuilder.Entity<ReportRow>(e =>
        {
            e.ToTable("postmortem_reports");
            e.HasKey(r => r.IncidentId);
            e.Property(r => r.Json).IsJsonDocument(this);
        });

        modelBuilder.Entity<ServiceLockRow>(e =>
        {
            e.ToTable("postmortem_service_locks");
            e.HasKey(s => new { s.Environment, s.Service });
        });

        modelBuilder.ApplyRemediationConventions(this);
    }
}
