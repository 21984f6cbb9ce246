using MassTransit;
using Remediation.Contracts.Rollbacks;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>Hands RollbackCompleted to the inbox: stored once, one notification per channel, delivered in the background.</summary>
internal sealed class RollbackCompletedConsumer(NotificationInbox inbox) : IConsumer<RollbackCompleted>
{
    public Task Consume(ConsumeContext<RollbackCompleted> context) =>
        inbox.AcceptAsync(RollbackTemplates.Completed(context.Message), context.Message, context.CancellationToken);
}
