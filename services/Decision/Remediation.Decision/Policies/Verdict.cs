namespace Remediation.Decision.Policies;

/// <summary>What the saga does about an anomaly.</summary>
public enum Verdict
{
    None = 0,
    Rollback = 1,
    AwaitApproval = 2,
    Shadow = 3,
    Remediate = 4,
    NotifyOnly = 5,
    Escalate = 6,
}
