using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Remediation.Scheduling;

/// <summary>
/// Deletes scheduled messages by their tokens (what MassTransit sends when a saga unschedules), many per statement when
/// they arrive together. Unknown tokens are fine.
/// </summary>
public sealed class CancelScheduledMessageConsumer(SchedulerDbContext db) : IConsumer<Batch<CancelScheduledMessage>>
{
    public async Task Consume(ConsumeContext<Batch<CancelScheduledMessage>> context)
    {
        var tokens = context.Message.Select(c => c.Message.TokenId).Distinct().ToList();
        await db.ScheduledMessages.Where(m => tokens.Contains(m.TokenId)).ExecuteDeleteAsync(context.CancellationToken);
    }
}
