namespace Remediation.Policy;

/// <summary>When and how far the decision service rolls a service back.</summary>
public sealed record RollbackPolicy
{
    /// <summary>How long after a deployment an anomaly is blamed on it.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long after an incident resolves no automatic rollback happens (it escalates instead).</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a version must run without anomalies to be verified healthy.</summary>
    public TimeSpan VerifyFor { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many rollbacks one incident may make (v2→v1 is 1, v1→v0 is 2) before it escalates.</summary>
    public int MaxDepth { get; init; } = 2;

    public ApprovalMode Approval { get; init; } = ApprovalMode.Auto;

    /// <summary>How long a held action waits for a person before it escalates.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the executor may take to answer a request before the incident escalates.</summary>
    public TimeSpan ExecutorTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
