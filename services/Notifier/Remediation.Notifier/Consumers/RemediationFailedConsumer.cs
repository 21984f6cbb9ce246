using MassTransit;
using Remediation.Contracts.Remediations;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>Hands RemediationFailed to the inbox: stored once, one notification per channel, delivered in the background.</summary>
internal sealed class RemediationFailedConsumer(NotificationInbox inbox) : IConsumer<RemediationFailed>
{
    public Task Consume(ConsumeContext<RemediationFailed> context) =>
        inbox.AcceptAsync(RemediationTemplates.Failed(context.Message), context.Message, context.CancellationToken);
}
