using MassTransit;
using Remediation.Contracts.Approvals;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>Hands ApprovalRequested to the inbox: stored once, one notification per channel, delivered in the background.</summary>
internal sealed class ApprovalRequestedConsumer(NotificationInbox inbox) : IConsumer<ApprovalRequested>
{
    public Task Consume(ConsumeContext<ApprovalRequested> context) =>
        inbox.AcceptAsync(ApprovalTemplates.Requested(context.Message), context.Message, context.CancellationToken);
}
