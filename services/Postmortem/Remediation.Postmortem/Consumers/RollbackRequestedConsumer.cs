using MassTransit;
using Remediation.Contracts.Rollbacks;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="RollbackRequested"/> in the timeline (idempotent by its id).</summary>
public sealed class RollbackRequestedConsumer(IncidentRecorder recorder) : IConsumer<RollbackRequested>
{
    public Task Consume(ConsumeContext<RollbackRequested> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
