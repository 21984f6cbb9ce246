using MassTransit;
using Remediation.Contracts.Anomalies;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="AnomalyDetected"/> in the timeline (idempotent by its id).</summary>
public sealed class AnomalyDetectedConsumer(IncidentRecorder recorder) : IConsumer<AnomalyDetected>
{
    public Task Consume(ConsumeContext<AnomalyDetected> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
