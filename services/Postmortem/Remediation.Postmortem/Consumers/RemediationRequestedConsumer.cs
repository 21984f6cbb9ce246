using MassTransit;
using Remediation.Contracts.Remediations;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="RemediationRequested"/> in the timeline (idempotent by its id).</summary>
public sealed class RemediationRequestedConsumer(IncidentRecorder recorder) : IConsumer<RemediationRequested>
{
    public Task Consume(ConsumeContext<RemediationRequested> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
