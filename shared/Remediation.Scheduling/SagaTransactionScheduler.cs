using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Remediation.Persistence.Sagas;

namespace Remediation.Scheduling;

/// <summary>
/// Gives a saga stored by the document repository a scheduler that writes its timers into the saga's own transaction:
/// scheduling adds a <c>scheduled_messages</c> row and cancelling deletes one, and either commits with the saga's state or
/// not at all (on PostgreSQL in the saga's one batch). A timer added by the same message is simply not stored; a row the
/// dispatcher has taken already is not a conflict (its message carries a token the saga no longer holds, which the state
/// machine ignores).
/// Without it a timer is a <see cref="ScheduleMessage"/> sent to the scheduler's queue after the saga is stored (two more
/// messages through the broker per timer, and a timer lost if the process dies between the two).
/// </summary>
internal sealed class SagaTransactionSchedulerFactory(SchedulerSignal signal, TimeProvider time) : ISagaPayloadFactory
{
    /// <summary>Null for a saga whose context does not map <c>scheduled_messages</c>: its timers take the message path.</summary>
    public object? Create(ConsumeContext context, SagaUnitOfWork unitOfWork) =>
        unitOfWork.Db.Model.FindEntityType(typeof(ScheduledMessage)) is null
            ? null
            : new ConsumeMessageSchedulerContext(context, c => new MessageScheduler(new Provider(unitOfWork, signal, time), c.GetPayload<IBusTopology>()));

    private sealed class Provider(SagaUnitOfWork work, SchedulerSignal signal, TimeProvider time) : IScheduleMessageProvider
    {
        public async Task<ScheduledMessage<T>> ScheduleSend<T>(Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe,
            CancellationToken cancellationToken)
            where T : class
        {
            var context = new MessageSendContext<T>(message, cancellationToken) { DestinationAddress = destinationAddress };
            if (pipe.IsNotEmpty())
                await pipe.Send(context);

            // The same row the scheduler's consumer stores for a ScheduleMessage: the envelope as MassTransit serializes it.
            var token = ScheduleTokenIdCache<T>.GetTokenId(message);
            var dueAt = ScheduledMessage.DueAtOf(scheduledTime);
            work.Db.Set<ScheduledMessage>().Add(new ScheduledMessage
            {
                TokenId = token,
                Destination = destinationAddress.ToString(),
                ContentType = SystemTextJsonMessageSerializer.JsonContentType.ToString(),
                Body = SystemTextJsonMessageSerializer.Instance.GetMessageBody(context).GetString(),
                MessageTypes = string.Join(';', context.SupportedMessageTypes),
                MessageId = context.MessageId,
                DueAt = dueAt,
                CreatedAt = time.GetUtcNow(),
            });
            work.OnCommitted(() => signal.Notify(dueAt));
            return new ScheduledMessageHandle<T>(token, scheduledTime, destinationAddress, message);
        }

        public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken) => Cancel(tokenId);

        public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) => Cancel(tokenId);

        private Task Cancel(Guid tokenId)
        {
            var timers = work.Db.Set<ScheduledMessage>();
            var tracked = timers.Local.FindEntry(tokenId);
            if (tracked is null)
            {
                // Only the key matters to the delete; the row may be gone (dispatched), which the model allows (DeleteIfPresent).
                timers.Remove(new ScheduledMessage { TokenId = tokenId, Destination = "", ContentType = "", Body = "", MessageTypes = "" });
            }
            else if (tracked.State == EntityState.Added)
            {
                tracked.State = EntityState.Detached;
            }

            return Task.CompletedTask;
        }
    }
}
