namespace Remediation.Policy;

/// <summary>Whether automatic actions run, wait for a person, or are only recorded.</summary>
public enum ApprovalMode
{
    /// <summary>Act automatically.</summary>
    Auto = 0,

    /// <summary>Ask a person and wait.</summary>
    Manual = 1,

    /// <summary>Decide and record ("would have rolled back"), execute nothing.</summary>
    Shadow = 2,
}
