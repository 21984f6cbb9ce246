using MassTransit;
using Remediation.Contracts.Incidents;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="IncidentOpened"/> in the timeline (idempotent by its id).</summary>
public sealed class IncidentOpenedConsumer(IncidentRecorder recorder) : IConsumer<IncidentOpened>
{
    public Task Consume(ConsumeContext<IncidentOpened> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
