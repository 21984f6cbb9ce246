using MassTransit;

namespace Remediation.Shared.Tests.Messaging;

public sealed class PingConsumer(ConsumerProbe probe) : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context)
    {
        probe.Attempted(context.Message.Id);
        return Task.CompletedTask;
    }
}
