namespace Remediation.Executor.Requests;

public enum ClaimStatus
{
    /// <summary>First time this request id is seen: act.</summary>
    New,

    /// <summary>An earlier attempt claimed it and did not finish: observe the target, then act only if needed.</summary>
    Resumed,

    /// <summary>Its outcome is stored: publish it again, act on nothing.</summary>
    Finished,
}
