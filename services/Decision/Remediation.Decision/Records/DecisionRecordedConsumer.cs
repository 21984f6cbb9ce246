using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Remediation.Contracts.Decisions;
using Remediation.Persistence;

namespace Remediation.Decision.Records;

/// <summary>Stores every decision the saga publishes, once, so it can be read per incident and per service.</summary>
public sealed class DecisionRecordedConsumer(DecisionDbContext db) : IConsumer<DecisionRecorded>
{
    public async Task Consume(ConsumeContext<DecisionRecorded> context)
    {
        var m = context.Message;
        if (await db.Decisions.AnyAsync(d => d.DecisionId == m.DecisionId, context.CancellationToken))
            return;

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

        // A concurrent redelivery that stored it first makes this fail on the key; the retry then finds it and returns.
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
