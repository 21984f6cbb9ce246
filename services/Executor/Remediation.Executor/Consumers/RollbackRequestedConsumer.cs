using MassTransit;
using Remediation.Contracts.Rollbacks;

namespace Remediation.Executor.Consumers;

/// <summary>Rolls the service back (once per request id) and publishes RollbackCompleted or RollbackFailed.</summary>
public sealed class RollbackRequestedConsumer(RequestExecutor executor) : IConsumer<RollbackRequested>
{
    public async Task Consume(ConsumeContext<RollbackRequested> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await executor.RollbackAsync(context.Message, context.CancellationToken);
        await context.Publish(outcome, outcome.GetType(), context.CancellationToken);
    }
}
