namespace Remediation.Executor.Requests;

public enum ExecutorRequestState
{
    /// <summary>An attempt holds it and has not finished.</summary>
    Claimed,

    /// <summary>Done: the rollback or action succeeded (or was already in place).</summary>
    Completed,

    /// <summary>Done: it failed, with a reason code.</summary>
    Failed,
}
