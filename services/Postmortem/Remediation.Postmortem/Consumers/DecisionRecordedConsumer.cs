using MassTransit;
using Remediation.Contracts.Decisions;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="DecisionRecorded"/> in the timeline (idempotent by its id).</summary>
public sealed class DecisionRecordedConsumer(IncidentRecorder recorder) : IConsumer<DecisionRecorded>
{
    public Task Consume(ConsumeContext<DecisionRecorded> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
