using MassTransit;
using Remediation.Contracts.Rollbacks;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="RollbackFailed"/> in the timeline (idempotent by its id).</summary>
public sealed class RollbackFailedConsumer(IncidentRecorder recorder) : IConsumer<RollbackFailed>
{
    public Task Consume(ConsumeContext<RollbackFailed> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
