using MassTransit;
using Remediation.Contracts.Approvals;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>Hands ApprovalDecided to the inbox: stored once, one notification per channel, delivered in the background.</summary>
internal sealed class ApprovalDecidedConsumer(NotificationInbox inbox) : IConsumer<ApprovalDecided>
{
    public Task Consume(ConsumeContext<ApprovalDecided> context) =>
        inbox.AcceptAsync(ApprovalTemplates.Decided(context.Message), context.Message, context.CancellationToken);
}
