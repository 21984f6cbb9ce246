using MassTransit;
using Remediation.Contracts.Remediations;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>Hands RemediationRequested to the inbox: stored once, one notification per channel, delivered in the background.</summary>
internal sealed class RemediationRequestedConsumer(NotificationInbox inbox) : IConsumer<RemediationRequested>
{
    public Task Consume(ConsumeContext<RemediationRequested> context) =>
        inbox.AcceptAsync(RemediationTemplates.Requested(context.Message), context.Message, context.CancellationToken);
}
