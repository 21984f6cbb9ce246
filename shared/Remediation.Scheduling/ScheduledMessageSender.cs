using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;

namespace Remediation.Scheduling;

/// <summary>
/// Sends a stored envelope to its destination as it was scheduled: same message types and id, and the
/// <c>MT-Scheduling-TokenId</c> header that lets a state machine tell a current timer from a stale one.
/// </summary>
internal static class ScheduledMessageSender
{
    public static async Task SendAsync(IBus bus, ScheduledMessage message, CancellationToken cancellationToken)
    {
        var destination = new Uri(message.Destination);
        var endpoint = await bus.GetSendEndpoint(destination);
        await endpoint.Send(new SerializedMessageBody(), new ForwardPipe(message, destination), cancellationToken);
    }

    private sealed class ForwardPipe(ScheduledMessage message, Uri destination) : IPipe<SendContext<SerializedMessageBody>>
    {
        public Task Send(SendContext<SerializedMessageBody> context)
        {
            var deserializer = context.Serialization.GetMessageDeserializer(new ContentType(message.ContentType));
            var body = deserializer.GetMessageBody(message.Body);
            var serializerContext = deserializer.Deserialize(body, new DictionarySendHeaders(), destination);

            if (message.MessageId is { } id)
                context.MessageId = id;
            context.SupportedMessageTypes = message.MessageTypes.Split(';', StringSplitOptions.RemoveEmptyEntries);
            context.CorrelationId = serializerContext.CorrelationId;
            context.ConversationId = serializerContext.ConversationId;
            context.InitiatorId = serializerContext.InitiatorId;
            context.SourceAddress = serializerContext.SourceAddress;
            foreach (var header in serializerContext.Headers.GetAll())
                context.Headers.Set(header.Key, header.Value);
            context.Headers.Set(MessageHeaders.SchedulingTokenId, message.TokenId.ToString("N"));
            context.Serializer = serializerContext.GetMessageSerializer();
            return Task.CompletedTask;
        }

        public void Probe(ProbeContext context)
        {
        }
    }
}
