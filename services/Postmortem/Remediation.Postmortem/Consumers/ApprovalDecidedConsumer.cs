using MassTransit;
using Remediation.Contracts.Approvals;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="ApprovalDecided"/> in the timeline (idempotent by its id).</summary>
public sealed class ApprovalDecidedConsumer(IncidentRecorder recorder) : IConsumer<ApprovalDecided>
{
    public Task Consume(ConsumeContext<ApprovalDecided> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
