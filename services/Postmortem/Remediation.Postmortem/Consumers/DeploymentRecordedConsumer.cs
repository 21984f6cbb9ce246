using MassTransit;
using Remediation.Contracts.Deployments;

namespace Remediation.Postmortem.Consumers;

/// <summary>Records a <see cref="DeploymentRecorded"/> in the timeline (idempotent by its id).</summary>
public sealed class DeploymentRecordedConsumer(IncidentRecorder recorder) : IConsumer<DeploymentRecorded>
{
    public Task Consume(ConsumeContext<DeploymentRecorded> context) => recorder.RecordAsync(context.Message, context.CancellationToken);
}
