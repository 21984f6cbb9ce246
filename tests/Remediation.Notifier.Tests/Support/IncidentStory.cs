using Remediation.Contracts.Decisions;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Rollbacks;
using Remediation.Contracts.Signals;

namespace Remediation.Notifier.Tests;

/// <summary>
/// The events of one incident as the other services publish them: checkout v2 is deployed, its error rate and latency
/// breach, the decision service rolls back to v1, the executor completes, verification passes and the incident resolves.
/// </summary>
public sealed class IncidentStory(Severity severity = Severity.Critical, string service = "checkout", string environment = "production")
{
    public const string RollbackReason = "error_rate 0.12 > 0.05 and latency_p99_ms 3400 > 3000 four minutes after v2 was deployed: rolling back to v1, the last healthy version";

    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow.AddMinutes(-10);

    public Guid IncidentId { get; } = Guid.NewGuid();

    public Guid RequestId { get; } = Guid.NewGuid();

    public Guid AnomalyId { get; } = Guid.NewGuid();

    public Guid DeploymentId { get; } = Guid.NewGuid();

    public Guid RollbackDecisionId { get; } = Guid.NewGuid();

    public Guid VerifyingDecisionId { get; } = Guid.NewGuid();

    public string Service => service;

    public string Environment => environment;

    public static IReadOnlyList<SignalObservation> Signals(DateTimeOffset at) =>
    [
        new() { Name = "error_rate", Value = 0.12, Threshold = 0.05, Unit = "ratio", Window = "5m", Source = "alertmanager", ObservedAt = at },
        new() { Name = "latency_p99_ms", Value = 3400, Threshold = 3000, Unit = "ms", Window = "5m", Source = "prometheus", ObservedAt = at },
    ];

    public IncidentOpened Opened() => new()
    {
        IncidentId = IncidentId,
        AnomalyId = AnomalyId,
        Environment = environment,
        Service = service,
        Severity = severity,
        Signals = Signals(_start.AddMinutes(4)),
        SuspectDeployment = new DeploymentSummary
        {
            DeploymentId = DeploymentId, Version = "v2", Commit = "9fceb02d0ae598e95dc970b74767f19372d61af8", Author = "alice",
            Description = "Faster cart totals", DeployedAt = _start,
        },
        CurrentVersion = "v2",
        DetectedAt = _start.AddMinutes(4),
        OpenedAt = _start.AddMinutes(4),
        OccurredAt = _start.AddMinutes(4),
    };

    /// <summary>The rollback decision: its action has its own event (RollbackRequested), so it is not told twice.</summary>
    public DecisionRecorded RollbackDecision() => new()
    {
        DecisionId = RollbackDecisionId,
        IncidentId = IncidentId,
        Environment = environment,
        Service = service,
        Outcome = DecisionOutcome.Rollback,
        Rule = "rollback.inside-window",
        Reason = RollbackReason,
        Signals = Signals(_start.AddMinutes(4)),
        TargetVersion = "v1",
        OccurredAt = _start.AddMinutes(4).AddSeconds(1),
    };

    public RollbackRequested RollbackRequested() => new()
    {
        RequestId = RequestId,
        IncidentId = IncidentId,
        Environment = environment,
        Service = service,
        FromVersion = "v2",
        ToVersion = "v1",
        Reason = RollbackReason,
        OccurredAt = _start.AddMinutes(4).AddSeconds(2),
    };

    public RollbackCompleted RollbackCompleted() => new()
    {
        RequestId = RequestId,
        IncidentId = IncidentId,
        Environment = environment,
        Service = service,
        FromVersion = "v2",
        ToVersion = "v1",
        Driver = "kubernetes",
        Details = "Deployment shop/checkout rolled back to revision 7",
        StartedAt = _start.AddMinutes(4).AddSeconds(2),
        CompletedAt = _start.AddMinutes(4).AddSeconds(44),
        RolloutDuration = TimeSpan.FromSeconds(42),
        OccurredAt = _start.AddMinutes(4).AddSeconds(44),
    };

    /// <summary>Verification started: worth telling (no other event says it).</summary>
    public DecisionRecorded VerifyingDecision() => new()
    {
        DecisionId = VerifyingDecisionId,
        IncidentId = IncidentId,
        Environment = environment,
        Service = service,
        Outcome = DecisionOutcome.Resolve,
        Rule = "verify.after-rollback",
        Reason = "v1 is running after the rollback; verifying it for 5m before resolving",
        TargetVersion = "v1",
        Timers = [new TimerSet { Name = "verification", DueAt = _start.AddMinutes(9).AddSeconds(45) }],
        OccurredAt = _start.AddMinutes(4).AddSeconds(45),
    };

    public IncidentEscalated Escalated(string reasonCode = "chain-exhausted") => new()
    {
        IncidentId = IncidentId,
        Environment = environment,
        Service = service,
        Severity = Severity.Critical,
        ReasonCode = reasonCode,
        Reason = "v1 breaches too and no older healthy version is known: automation stops, humans take over",
        Chain = ["v2", "v1"],
        CurrentVersion = "v1",
        OccurredAt = _start.AddMinutes(6),
    };

    public IncidentResolved Resolved() => new()
    {
        IncidentId = IncidentId,
        Environment = environment,
        Service = service,
        ResolvedVersion = "v1",
        Chain = ["v2", "v1"],
        Resolution = "verified",
        OpenedAt = _start.AddMinutes(4),
        ResolvedAt = _start.AddMinutes(9).AddSeconds(45),
        OccurredAt = _start.AddMinutes(9).AddSeconds(45),
    };

    /// <summary>Every event of the incident in the order the services publish them.</summary>
    public IReadOnlyList<object> All() => [Opened(), RollbackDecision(), RollbackRequested(), RollbackCompleted(), VerifyingDecision(), Resolved()];
}
