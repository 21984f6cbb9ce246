using MassTransit;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Approvals;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Operations;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Decision.Timers;
using Remediation.Policy;

namespace Remediation.Decision.StateMachines;

/// <summary>The saga's states, events, timers and the small helpers its transitions use.</summary>
public sealed partial class ServiceStateMachine
{
    public TimeProvider Time { get; }

    public DecisionOptions Options { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>
    /// When a timer of this length is due, on this machine's clock. Timers are scheduled at absolute times from the
    /// injected clock (not MassTransit's own DateTime.UtcNow) so that the durable scheduler, which reads the same clock,
    /// agrees with the saga on what is due.
    /// </summary>
    public DateTime Due(TimeSpan delay) => Time.GetUtcNow().UtcDateTime + delay;

    public State Healthy { get; private set; } = null!;

    public State AwaitingApproval { get; private set; } = null!;

    public State RollingBack { get; private set; } = null!;

    public State Verifying { get; private set; } = null!;

    public State CoolingDown { get; private set; } = null!;

    public State Remediating { get; private set; } = null!;

    public State Escalated { get; private set; } = null!;

    public Event<DeploymentRecorded> DeploymentRecorded { get; private set; } = null!;

    public Event<AnomalyDetected> AnomalyDetected { get; private set; } = null!;

    public Event<AnomalyCleared> AnomalyCleared { get; private set; } = null!;

    public Event<RollbackCompleted> RollbackCompleted { get; private set; } = null!;

    public Event<RollbackFailed> RollbackFailed { get; private set; } = null!;

    public Event<RemediationCompleted> RemediationCompleted { get; private set; } = null!;

    public Event<RemediationFailed> RemediationFailed { get; private set; } = null!;

    public Event<ApprovalDecided> ApprovalDecided { get; private set; } = null!;

    public Event<RequestManualRollback> ManualRollbackRequested { get; private set; } = null!;

    public Event<ResumeAutomation> AutomationResumed { get; private set; } = null!;

    public Event<OverrideCooldown> CooldownOverridden { get; private set; } = null!;

    public Schedule<ServiceState, VerificationElapsed> VerificationTimer { get; private set; } = null!;

    public Schedule<ServiceState, ExecutorTimedOut> ExecutorTimer { get; private set; } = null!;

    public Schedule<ServiceState, CooldownElapsed> CooldownTimer { get; private set; } = null!;

    public Schedule<ServiceState, ApprovalTimedOut> ApprovalTimer { get; private set; } = null!;

    public Schedule<ServiceState, SoakElapsed> SoakTimer { get; private set; } = null!;

    public Schedule<ServiceState, SettleElapsed> SettleTimer { get; private set; } = null!;

    /// <summary>The service's policy, or the defaults when the policy does not list it (then nothing is automated).</summary>
    public ServicePolicy Policy(ServiceState state) => _policies.Find(state.Environment, state.Service) ?? DefaultPolicy(state);

    public ServicePolicy? PolicyOrNull(ServiceState state) => _policies.Find(state.Environment, state.Service);

    public static Guid Key(string environment, string service) => new ServiceKey(environment, service).ToGuid();

    private static void ForExisting<T>(IEventCorrelationConfigurator<ServiceState, T> e, Func<ConsumeContext<T>, Guid> key)
        where T : class
    {
        e.CorrelateById(key);
        e.OnMissingInstance(m => m.Discard());
    }

    private static bool IsNewDeployment(BehaviorContext<ServiceState, DeploymentRecorded> c) =>
        c.Saga.Deployments.TrueForAll(d => d.DeploymentId != c.Message.DeploymentId);

    private static bool IsNewAnomaly(BehaviorContext<ServiceState, AnomalyDetected> c) => !c.Saga.Handled.Contains(c.Message.AnomalyId);

    private static bool IsNewCommand(BehaviorContext<ServiceState, RequestManualRollback> c) => !c.Saga.Handled.Contains(c.Message.CommandId);

    private static bool IsNewCommand(BehaviorContext<ServiceState, ResumeAutomation> c) => !c.Saga.Handled.Contains(c.Message.CommandId);

    private static bool IsNewCommand(BehaviorContext<ServiceState, OverrideCooldown> c) => !c.Saga.Handled.Contains(c.Message.CommandId);

    private static ServicePolicy DefaultPolicy(ServiceState state) => new()
    {
        Environment = state.Environment.Length > 0 ? state.Environment : "unknown",
        Name = state.Service.Length > 0 ? state.Service : "unknown",
        Target = new TargetPolicy { Driver = "none" },
        Detection = new DetectionPolicy(),
        Rollback = new RollbackPolicy(),
        Runbook = new RunbookPolicy(),
        Notify = new NotifyPolicy(),
    };
}
