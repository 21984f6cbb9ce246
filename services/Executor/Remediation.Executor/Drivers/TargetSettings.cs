using Remediation.Policy;

namespace Remediation.Executor.Drivers;

/// <summary>Reading a target's settings, where a missing one is a <see cref="FailureCodes.Configuration"/> failure.</summary>
public static class TargetSettings
{
    public static string Require(ServicePolicy policy, string key)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Target.Get(key) is { Length: > 0 } value
            ? value
            : throw new ExecutorFailureException(FailureCodes.Configuration,
                $"The {policy.Target.Driver} target of {policy.Key} has no '{key}' setting{(policy.SourceLocation is { } at ? $" ({at})" : "")}.");
    }

    /// <summary>
    /// How long the driver may wait for the change to become healthy: the target's own setting when it has one, else the
    /// executor's default, never longer than the policy's executor timeout (after which the decision escalates anyway).
    /// </summary>
    public static TimeSpan Timeout(ServicePolicy policy, string? settingKey, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var wanted = settingKey is not null && policy.Target.Get(settingKey) is { } text && Duration.TryParse(text, out var parsed) ? parsed : fallback;
        return wanted < policy.Rollback.ExecutorTimeout ? wanted : policy.Rollback.ExecutorTimeout;
    }
}
