using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Approvals;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Operations;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Decision.Timers;
using Remediation.Messaging;

namespace Remediation.Decision.StateMachines;

/// <summary>
/// The saga's endpoint: messages of one service are handled one at a time in this process (partitioned by the
/// service's key), services in parallel; across processes the version column decides and the loser retries. Retry and
/// the in-memory outbox come from the shared messaging set-up, so publishes leave only after the state is stored.
/// </summary>
public sealed class ServiceStateMachineDefinition : SagaDefinition<ServiceState>
{
    private readonly DecisionOptions _options;

    public ServiceStateMachineDefinition(IOptions<DecisionOptions> options, IConfiguration configuration)
    {
        _options = options.Value;
        EndpointName = MessagingServiceCollectionExtensions.ModuleQueue(configuration, "decision-state");
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<ServiceState> sagaConfigurator,
        IRegistrationContext context)
    {
        var partition = endpointConfigurator.CreatePartitioner(_options.PartitionCount);
        endpointConfigurator.UsePartitioner<DeploymentRecorded>(partition, c => ServiceStateMachine.Key(c.Message.Environment, c.Message.Service));
        endpointConfigurator.UsePartitioner<AnomalyDetected>(partition, c => ServiceStateMachine.Key(c.Message.Environment, c.Message.Service));
        endpointConfigurator.UsePartitioner<AnomalyCleared>(partition, c => ServiceStateMachine.Key(c.Message.Environment, c.Message.Service));
        endpointConfigurator.UsePartitioner<RollbackCompleted>(partition, c => ServiceStateMachine.Key(c.Message.Environment, c.Message.Service));
        endpointConfigurator.UsePartitioner<RollbackFailed>(partition, c => ServiceStateMachine.Key(c.Message.Environment, c.Message.Service));
        endpointConfigurator.UsePartitioner<RemediationCompleted>(partition, c => ServiceStateMachine.Key(c.Message.Environment, c.Message.Service));
        endpointConfigurator.UsePartitioner<RemediationFailed>(partition, c => ServiceStateMachine.Key(c.Message.Environment, c.Message.Service));
        endpointConfigurator.UsePartitioner<ApprovalDecided>(partition, c => ServiceStateMachine.Key(c.Message.Environment, c.Message.Service));
        endpointConfigurator.UsePartitioner<RequestManualRollback>(partition, c => ServiceStateMachine.Key(c.Message.Environment, c.Message.Service));
        endpointConfigurator.UsePartitioner<ResumeAutomation>(partition, c => ServiceStateMachine.Key(c.Message.Environment, c.Message.Service));
        endpointConfigurator.UsePartitioner<OverrideCooldown>(partition, c => ServiceStateMachine.Key(c.Message.Environment, c.Message.Service));
        endpointConfigurator.UsePartitioner<VerificationElapsed>(partition, c => c.Message.CorrelationId);
        endpointConfigurator.UsePartitioner<ExecutorTimedOut>(partition, c => c.Message.CorrelationId);
        endpointConfigurator.UsePartitioner<CooldownElapsed>(partition, c => c.Message.CorrelationId);
        endpointConfigurator.UsePartitioner<ApprovalTimedOut>(partition, c => c.Message.CorrelationId);
        endpointConfigurator.UsePartitioner<SoakElapsed>(partition, c => c.Message.CorrelationId);
        endpointConfigurator.UsePartitioner<SettleElapsed>(partition, c => c.Message.CorrelationId);
    }
}
