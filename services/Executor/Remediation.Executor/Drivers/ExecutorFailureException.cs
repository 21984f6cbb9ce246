namespace Remediation.Executor.Drivers;

/// <summary>A request the driver could not (or must not) carry out: a stable <see cref="Code"/> and a sentence for people.</summary>
public sealed class ExecutorFailureException : Exception
{
    public ExecutorFailureException(string code, string reason, string? fromVersion = null)
        : base(reason)
    {
        Code = code;
        FromVersion = fromVersion;
    }

    public ExecutorFailureException()
    {
        Code = FailureCodes.TargetError;
    }

    public ExecutorFailureException(string message)
        : base(message)
    {
        Code = FailureCodes.TargetError;
    }

    public ExecutorFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = FailureCodes.TargetError;
    }

    public string Code { get; }

    /// <summary>The version observed running on the target, when the driver got that far.</summary>
    public string? FromVersion { get; }
}
