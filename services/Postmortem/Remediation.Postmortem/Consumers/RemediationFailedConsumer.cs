using MassTransit;
using Remediation.Contracts.Remediations;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="RemediationFailed"/> in the timeline (idempotent by its id).</summary>
public sealed class RemediationFailedConsumer(IncidentRecorder recorder) : IConsumer<RemediationFailed>
{
    public Task Consume(ConsumeContext<RemediationFailed> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
