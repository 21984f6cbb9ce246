namespace Remediation.Decision.StateMachines;

public enum HealthVerdict
{
    /// <summary>Not verified either way.</summary>
    Unknown = 0,

    /// <summary>Ran its verification period without anomalies, or passed verification after a rollback.</summary>
    Healthy = 1,

    /// <summary>Was rolled back, or stayed anomalous after a rollback to it. Never a rollback target again.</summary>
    Bad = 2,
}
