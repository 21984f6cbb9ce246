using MassTransit;
using Remediation.Contracts.Incidents;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>Hands IncidentResolved to the inbox: stored once, one notification per channel, delivered in the background.</summary>
internal sealed class IncidentResolvedConsumer(NotificationInbox inbox) : IConsumer<IncidentResolved>
{
    public Task Consume(ConsumeContext<IncidentResolved> context) =>
        inbox.AcceptAsync(IncidentTemplates.Resolved(context.Message), context.Message, context.CancellationToken);
}
