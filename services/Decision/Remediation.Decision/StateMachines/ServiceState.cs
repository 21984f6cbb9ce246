using MassTransit;
using Remediation.Contracts.Signals;
using Remediation.Persistence.Sagas;

namespace Remediation.Decision.StateMachines;

/// <summary>
/// Everything the decision saga knows about one (environment, service): its deployment history and what it learned of
/// each version's health, the incident in progress, the action it waits for, and one token per durable timer.
/// Stored as a document (see Remediation.Persistence); the state is stored by name.
/// </summary>
public sealed class ServiceState : SagaStateMachineInstance, IStoredSaga
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "Initial";

    public int Version { get; set; }

    public string Environment { get; set; } = "";

    public string Service { get; set; } = "";

    /// <summary>Deployments, oldest first, bounded (see DecisionOptions.DeploymentHistoryLimit).</summary>
    public List<DeploymentEntry> Deployments { get; set; } = [];

    /// <summary>What is known of each version: healthy after verification, bad after it was rolled back.</summary>
    public Dictionary<string, VersionHealth> Versions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The version believed to run now.</summary>
    public string? CurrentVersion { get; set; }

    public Guid? IncidentId { get; set; }

    public DateTimeOffset? IncidentOpenedAt { get; set; }

    public DateTimeOffset? DetectedAt { get; set; }

    public Severity Severity { get; set; } = Severity.Major;

    /// <summary>The anomaly the incident is about (the latest one seen).</summary>
    public Guid? AnomalyId { get; set; }

    /// <summary>True from AnomalyDetected until AnomalyCleared of the same service.</summary>
    public bool AnomalyActive { get; set; }

    public List<SignalObservation> Signals { get; set; } = [];

    /// <summary>The versions of the incident in order: the bad one first, then each rollback target.</summary>
    public List<string> Chain { get; set; } = [];

    /// <summary>Rollbacks made in this incident.</summary>
    public int Depth { get; set; }

    public PendingAction? Pending { get; set; }

    /// <summary>The runbook step that ran last (1-based), while remediating.</summary>
    public int RunbookStep { get; set; }

    public DateTimeOffset? CooldownUntil { get; set; }

    /// <summary>A person allowed the next anomaly to act once during the cooldown.</summary>
    public bool CooldownOverride { get; set; }

    public string? EscalationReason { get; set; }

    /// <summary>Ids of commands and anomalies already handled, newest last, bounded: redeliveries act once.</summary>
    public List<Guid> Handled { get; set; } = [];

    public Guid? VerificationTokenId { get; set; }

    public Guid? ExecutorTimeoutTokenId { get; set; }

    public Guid? CooldownTokenId { get; set; }

    public Guid? ApprovalTimeoutTokenId { get; set; }

    public Guid? SoakTokenId { get; set; }

    public Guid? SettleTokenId { get; set; }
}
