using MassTransit;
using Remediation.Contracts.Incidents;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>Hands IncidentEscalated to the inbox: stored once, one notification per channel, delivered in the background.</summary>
internal sealed class IncidentEscalatedConsumer(NotificationInbox inbox) : IConsumer<IncidentEscalated>
{
    public Task Consume(ConsumeContext<IncidentEscalated> context) =>
        inbox.AcceptAsync(IncidentTemplates.Escalated(context.Message), context.Message, context.CancellationToken);
}
