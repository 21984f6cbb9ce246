using MassTransit;
using Remediation.Contracts.Rollbacks;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="RollbackCompleted"/> in the timeline (idempotent by its id).</summary>
public sealed class RollbackCompletedConsumer(IncidentRecorder recorder) : IConsumer<RollbackCompleted>
{
    public Task Consume(ConsumeContext<RollbackCompleted> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
