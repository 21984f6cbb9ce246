using MassTransit;
using Remediation.Contracts.Incidents;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="IncidentEscalated"/> in the timeline (idempotent by its id).</summary>
public sealed class IncidentEscalatedConsumer(IncidentRecorder recorder) : IConsumer<IncidentEscalated>
{
    public Task Consume(ConsumeContext<IncidentEscalated> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
