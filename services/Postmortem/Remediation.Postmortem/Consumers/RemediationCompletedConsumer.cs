using MassTransit;
using Remediation.Contracts.Remediations;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="RemediationCompleted"/> in the timeline (idempotent by its id).</summary>
public sealed class RemediationCompletedConsumer(IncidentRecorder recorder) : IConsumer<RemediationCompleted>
{
    public Task Consume(ConsumeContext<RemediationCompleted> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
