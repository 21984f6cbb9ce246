using MassTransit;
using Remediation.Contracts.Remediations;

namespace Remediation.Executor.Consumers;

/// <summary>Runs the runbook action (once per request id) and publishes RemediationCompleted or RemediationFailed.</summary>
public sealed class RemediationRequestedConsumer(RequestExecutor executor) : IConsumer<RemediationRequested>
{
    public async Task Consume(ConsumeContext<RemediationRequested> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await executor.RemediateAsync(context.Message, context.CancellationToken);
        await context.Publish(outcome, outcome.GetType(), context.CancellationToken);
    }
}
