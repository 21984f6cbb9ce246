using MassTransit;

namespace Remediation.Shared.Tests.Messaging;

/// <summary>Always throws: its messages must end in its <c>_error</c> queue after the configured retries.</summary>
public sealed class FailingPingConsumer(ConsumerProbe probe) : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context)
    {
        probe.Attempted(context.Message.Id);
        throw new InvalidOperationException($"Ping {context.Message.Id} always fails.");
    }
}
