using Microsoft.EntityFrameworkCore;
using Remediation.Persistence;
using Remediation.Persistence.Sagas;
using Remediation.Scheduling;

namespace Remediation.Shared.Tests.Sagas;

/// <summary>The counter saga's documents and its timers in one context, as a service that keeps timers in the saga's transaction maps them.</summary>
public sealed class CounterStoreDbContext(DbContextOptions<CounterStoreDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapSagaDocuments(this);
        modelBuilder.MapScheduledMessages();
        modelBuilder.ApplyRemediationConventions(this);
    }
}

/// <summary>How the counter saga's timers are stored.</summary>
public enum TimerStore
{
    /// <summary>ScheduleMessage / CancelScheduledMessage sent to the scheduler's queue after the saga is stored.</summary>
    SchedulerQueue,

    /// <summary>Rows written in the saga's own transaction.</summary>
    SagaTransaction,

    /// <summary>
    /// The host stores saga timers in the saga's transaction, but this saga's context (<c>SagaDbContext</c>) does not map
    /// <c>scheduled_messages</c>: its timers take the scheduler queue.
    /// </summary>
    SchedulerQueueBesideSagaTransaction,
}
