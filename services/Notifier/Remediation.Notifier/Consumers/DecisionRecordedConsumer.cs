using MassTransit;
using Remediation.Contracts.Decisions;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Consumers;

/// <summary>
/// Hands a decision worth telling to the inbox (quoting its reason); decisions whose action has its own event, and
/// routine bookkeeping, are left out (see <see cref="DecisionTemplates.IsWorthTelling"/>).
/// </summary>
internal sealed class DecisionRecordedConsumer(NotificationInbox inbox) : IConsumer<DecisionRecorded>
{
    public Task Consume(ConsumeContext<DecisionRecorded> context) =>
        DecisionTemplates.Recorded(context.Message) is { } content
            ? inbox.AcceptAsync(content, context.Message, context.CancellationToken)
            : Task.CompletedTask;
}
