using MassTransit;
using Remediation.Contracts.Approvals;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="ApprovalRequested"/> in the timeline (idempotent by its id).</summary>
public sealed class ApprovalRequestedConsumer(IncidentRecorder recorder) : IConsumer<ApprovalRequested>
{
    public Task Consume(ConsumeContext<ApprovalRequested> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
