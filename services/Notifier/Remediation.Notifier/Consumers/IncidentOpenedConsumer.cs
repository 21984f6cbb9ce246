using MassTransit;
using Remediation.Contracts.Incidents;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>Hands IncidentOpened to the inbox: stored once, one notification per channel, delivered in the background.</summary>
internal sealed class IncidentOpenedConsumer(NotificationInbox inbox) : IConsumer<IncidentOpened>
{
    public Task Consume(ConsumeContext<IncidentOpened> context) =>
        inbox.AcceptAsync(IncidentTemplates.Opened(context.Message), context.Message, context.CancellationToken);
}
