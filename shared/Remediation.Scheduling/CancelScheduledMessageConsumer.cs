using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Remediation.Scheduling;

/// <summary>Deletes a scheduled message by its token (what MassTransit sends when a saga unschedules). Unknown tokens are fine.</summary>
public sealed class CancelScheduledMessageConsumer(SchedulerDbContext db) : IConsumer<CancelScheduledMessage>
{
    public async Task Consume(ConsumeContext<CancelScheduledMessage> context) =>
        await db.ScheduledMessages.Where(m => m.TokenId == context.Message.TokenId).ExecuteDeleteAsync(context.CancellationToken);
}
