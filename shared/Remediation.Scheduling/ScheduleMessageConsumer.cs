using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;

namespace Remediation.Scheduling;

/// <summary>
/// Stores a <see cref="ScheduleMessage"/> (what MassTransit sends when a saga or consumer schedules) as a row. Storing the
/// same token again replaces it, so a redelivered command schedules once.
/// </summary>
public sealed class ScheduleMessageConsumer(SchedulerDbContext db, SchedulerSignal signal, TimeProvider time) : IConsumer<ScheduleMessage>
{
    public async Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        var message = context.Message;
        var body = context.SerializerContext
            .GetMessageSerializer(message.Payload, message.PayloadType)
            .GetMessageBody(new MessageSendContext<ScheduleMessage>(message));

        var due = new DateTimeOffset(DateTime.SpecifyKind(message.ScheduledTime, DateTimeKind.Utc));
        var row = await db.ScheduledMessages.FindAsync([message.CorrelationId], context.CancellationToken);
        if (row is null)
        {
            row = new ScheduledMessage
            {
                TokenId = message.CorrelationId,
                Destination = message.Destination.ToString(),
                ContentType = context.ReceiveContext.ContentType?.ToString() ?? "application/vnd.masstransit+json",
                Body = body.GetString(),
                MessageTypes = string.Join(';', message.PayloadType),
                CreatedAt = time.GetUtcNow(),
            };
            db.ScheduledMessages.Add(row);
        }
        else
        {
            row.Destination = message.Destination.ToString();
            row.Body = body.GetString();
            row.MessageTypes = string.Join(';', message.PayloadType);
            row.Attempts = 0;
        }

        row.MessageId = context.MessageId;
        row.DueAt = due;
        // A concurrent delivery of the same command that stored it first makes this insert fail on the key; the
        // endpoint's retry then finds the row and replaces it.
        await db.SaveChangesAsync(context.CancellationToken);

        signal.Notify();
    }
}
