using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Remediation.Scheduling;

/// <summary>
/// Stores each <see cref="ScheduleMessage"/> (what MassTransit sends when a saga or consumer schedules) as a row, many
/// per transaction when they arrive together. Storing the same token again replaces the row, so a redelivered command
/// schedules once.
/// </summary>
public sealed class ScheduleMessageConsumer(SchedulerDbContext db, SchedulerSignal signal, TimeProvider time) : IConsumer<Batch<ScheduleMessage>>
{
    public const int MessageLimit = 32;

    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(10);

    public async Task Consume(ConsumeContext<Batch<ScheduleMessage>> context)
    {
        var commands = context.Message.GroupBy(c => c.Message.CorrelationId).Select(g => g.Last()).ToList();
        var tokens = commands.Select(c => c.Message.CorrelationId).ToList();
        var existing = await db.ScheduledMessages.Where(m => tokens.Contains(m.TokenId)).ToDictionaryAsync(m => m.TokenId, context.CancellationToken);

        foreach (var command in commands)
        {
            var message = command.Message;
            var body = command.SerializerContext
                .GetMessageSerializer(message.Payload, message.PayloadType)
                .GetMessageBody(new MessageSendContext<ScheduleMessage>(message))
                .GetString();
            if (!existing.TryGetValue(message.CorrelationId, out var row))
            {
                row = new ScheduledMessage
                {
                    TokenId = message.CorrelationId,
                    Destination = message.Destination.ToString(),
                    ContentType = command.ReceiveContext.ContentType?.ToString() ?? "application/vnd.masstransit+json",
                    Body = body,
                    MessageTypes = string.Join(';', message.PayloadType),
                    CreatedAt = time.GetUtcNow(),
                };
                db.ScheduledMessages.Add(row);
            }
            else
            {
                row.Destination = message.Destination.ToString();
                row.Body = body;
                row.MessageTypes = string.Join(';', message.PayloadType);
                row.Attempts = 0;
            }

            row.MessageId = command.MessageId;
            row.DueAt = ScheduledMessage.DueAtOf(message.ScheduledTime);
        }

        // A concurrent delivery of the same command that stored it first makes an insert fail on the key; the
        // endpoint's retry then finds the row and replaces it.
        await db.SaveChangesAsync(context.CancellationToken);
        signal.Notify();
    }
}
