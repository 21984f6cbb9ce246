using MassTransit;
using Remediation.Contracts.Remediations;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>Hands RemediationCompleted to the inbox: stored once, one notification per channel, delivered in the background.</summary>
internal sealed class RemediationCompletedConsumer(NotificationInbox inbox) : IConsumer<RemediationCompleted>
{
    public Task Consume(ConsumeContext<RemediationCompleted> context) =>
        inbox.AcceptAsync(RemediationTemplates.Completed(context.Message), context.Message, context.CancellationToken);
}
