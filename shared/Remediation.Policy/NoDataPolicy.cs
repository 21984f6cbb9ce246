namespace Remediation.Policy;

/// <summary>What a pulled check with no data means.</summary>
public enum NoDataPolicy
{
    /// <summary>Keep the previous verdict.</summary>
    Inconclusive = 0,

    /// <summary>No data is healthy.</summary>
    Ok = 1,

    /// <summary>No data is a breach (the service stopped reporting).</summary>
    Breach = 2,
}
