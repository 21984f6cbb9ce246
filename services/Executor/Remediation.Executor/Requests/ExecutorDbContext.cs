using Microsoft.EntityFrameworkCore;
using Remediation.Persistence;

namespace Remediation.Executor.Requests;

/// <summary>The executor's tables: <c>executor_requests</c>.</summary>
public sealed class ExecutorDbContext(DbContextOptions<ExecutorDbContext> options) : DbContext(options)
{
    public DbSet<ExecutorRequest> Requests => Set<ExecutorRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var request = modelBuilder.Entity<ExecutorRequest>();
        request.ToTable("executor_requests");
        request.HasKey(r => r.RequestId);
        request.Property(r => r.Kind).HasMaxLength(16);
        request.Property(r => r.Environment).HasMaxLength(200);
        request.Property(r => r.Service).HasMaxLength(200);
        request.Property(r => r.Driver).HasMaxLength(32);
        request.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        request.Property(r => r.Owner).HasMaxLength(64);
        request.Property(r => r.OutcomeType).HasMaxLength(64);
        request.Property(r => r.ReasonCode).HasMaxLength(64);
        request.Property(r => r.Request).IsJsonDocument(this);
        request.Property<string>(nameof(ExecutorRequest.Outcome)).IsJsonDocument(this);
        request.Property(r => r.Version).IsConcurrencyToken();
        request.HasIndex(r => r.IncidentId);
        modelBuilder.ApplyRemediationConventions(this);
    }
}
