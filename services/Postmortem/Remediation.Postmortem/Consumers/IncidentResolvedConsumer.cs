using MassTransit;
using Remediation.Contracts.Incidents;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="IncidentResolved"/> in the timeline (idempotent by its id).</summary>
public sealed class IncidentResolvedConsumer(IncidentRecorder recorder) : IConsumer<IncidentResolved>
{
    public Task Consume(ConsumeContext<IncidentResolved> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
