using MassTransit;
using Remediation.Contracts.Rollbacks;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>Hands RollbackFailed to the inbox: stored once, one notification per channel, delivered in the background.</summary>
internal sealed class RollbackFailedConsumer(NotificationInbox inbox) : IConsumer<RollbackFailed>
{
    public Task Consume(ConsumeContext<RollbackFailed> context) =>
        inbox.AcceptAsync(RollbackTemplates.Failed(context.Message), context.Message, context.CancellationToken);
}
