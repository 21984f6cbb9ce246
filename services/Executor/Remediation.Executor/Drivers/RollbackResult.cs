namespace Remediation.Executor.Drivers;

/// <summary>A rollback that ended with the target healthy on the requested version.</summary>
/// <param name="FromVersion">What ran before (observed on the target where the driver can).</param>
/// <param name="ToVersion">What runs now.</param>
/// <param name="AlreadyAtTarget">Nothing was changed: the target already ran <paramref name="ToVersion"/>.</param>
/// <param name="Details">What the driver did, in a sentence.</param>
/// <param name="RolloutDuration">From the change to healthy.</param>
public sealed record RollbackResult(string FromVersion, string ToVersion, bool AlreadyAtTarget, string Details, TimeSpan RolloutDuration);
