using MassTransit;
using Remediation.Contracts.Anomalies;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="AnomalyCleared"/> in the timeline (idempotent by its id).</summary>
public sealed class AnomalyClearedConsumer(IncidentRecorder recorder) : IConsumer<AnomalyCleared>
{
    public Task Consume(ConsumeContext<AnomalyCleared> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
