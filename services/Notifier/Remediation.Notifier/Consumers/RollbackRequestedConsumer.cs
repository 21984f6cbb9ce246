using MassTransit;
using Remediation.Contracts.Rollbacks;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>Hands RollbackRequested to the inbox: stored once, one notification per channel, delivered in the background.</summary>
internal sealed class RollbackRequestedConsumer(NotificationInbox inbox) : IConsumer<RollbackRequested>
{
    public Task Consume(ConsumeContext<RollbackRequested> context) =>
        inbox.AcceptAsync(RollbackTemplates.Requested(context.Message), context.Message, context.CancellationToken);
}
