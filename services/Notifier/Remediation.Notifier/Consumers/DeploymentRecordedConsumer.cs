using MassTransit;
using Remediation.Contracts.Deployments;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>Hands DeploymentRecorded to the inbox: stored once, one notification per channel, delivered in the background.</summary>
internal sealed class DeploymentRecordedConsumer(NotificationInbox inbox) : IConsumer<DeploymentRecorded>
{
    public Task Consume(ConsumeContext<DeploymentRecorded> context) =>
        inbox.AcceptAsync(DeploymentTemplates.Recorded(context.Message), context.Message, context.CancellationToken);
}
