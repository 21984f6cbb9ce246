using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Remediation.Contracts.Decisions;
using Remediation.Persistence;

namespace Remediation.Decision.Records;

/// <summary>
/// Stores every decision the saga publishes, once, so it can be read per incident and per service. Records arrive in
/// batches (up to <see cref="MessageLimit"/>, or what came within <see cref="TimeLimit"/>) and are stored in one
/// transaction: under load this is one database round trip for many decisions, and records are not on the path of a
/// rollback.
/// </summary>
public sealed class DecisionRecordedConsumer(DecisionDbContext db) : IConsumer<Batch<DecisionRecorded>>
{
    public const int MessageLimit = 32;

    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(20);

    public async Task Consume(ConsumeContext<Batch<DecisionRecorded>> context)
    {
        var decisions = context.Message.Select(m => m.Message).DistinctBy(m => m.DecisionId).ToList();
        var ids = decisions.Select(d => d.DecisionId).ToList();
        var stored = await db.Decisions.Where(d => ids.Contains(d.DecisionId)).Select(d => d.DecisionId).ToListAsync(context.CancellationToken);

        foreach (var m in decisions.Where(d => !stored.Contains(d.DecisionId)))
        {
            db.Decisions.Add(new DecisionRecord
            {
                DecisionId = m.DecisionId,
                IncidentId = m.IncidentId,
                Environment = m.Environment,
                Service = m.Service,
                Outcome = m.Outcome.ToString(),
                Rule = m.Rule,
                Reason = m.Reason,
                Shadow = m.Shadow,
                TargetVersion = m.TargetVersion,
                DecidedBy = m.DecidedBy,
                OccurredAt = m.OccurredAt,
                Document = JsonSerializer.Serialize(m, JsonColumns.Options),
            });
        }

        // A concurrent redelivery that stored one of them first makes this fail on the key; the retry then skips it.
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
