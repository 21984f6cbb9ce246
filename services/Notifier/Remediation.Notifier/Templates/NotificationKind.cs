namespace Remediation.Notifier.Templates;

/// <summary>The lifecycle events the notifier tells people about, named after their contracts. Stored as the name.</summary>
public enum NotificationKind
{
    IncidentOpened = 0,
    DecisionRecorded = 1,
    RollbackRequested = 2,
    RollbackCompleted = 3,
    RollbackFailed = 4,
    RemediationRequested = 5,
    RemediationCompleted = 6,
    RemediationFailed = 7,
    ApprovalRequested = 8,
    ApprovalDecided = 9,
    IncidentEscalated = 10,
    IncidentResolved = 11,
    DeploymentRecorded = 12,
}
