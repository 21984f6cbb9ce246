using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Remediation.Persistence.Sagas;

namespace Remediation.Scheduling;

/// <summary>
/// Gives a saga stored by the document repository a scheduler that writes its timers into the saga's own transaction:
/// scheduling adds a <c>scheduled_messages</c> row, which commits with the saga's state or not at all; cancelling
/// deletes the row right after that commit (the saga no longer holds the token, so if the delete is lost to a crash, the
/// timer that fires is stale and the state machine ignores it; a timer added by the same message is simply not stored).
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
            var added = work.Db.Set<ScheduledMessage>().Local.FirstOrDefault(m => m.TokenId == tokenId);
            if (added is not null)
                work.Db.Entry(added).State = EntityState.Detached;
            else
                work.AfterCommit((db, token) => db.Set<ScheduledMessage>().Where(m => m.TokenId == tokenId).ExecuteDeleteAsync(token));
            return Task.CompletedTask;
        }
    }
}
