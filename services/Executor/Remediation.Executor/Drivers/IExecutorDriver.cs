namespace Remediation.Executor.Drivers;

/// <summary>
/// Acts on one kind of target (<c>kubernetes</c>, <c>haproxy</c>, <c>webhook</c>). A driver observes before it acts, targets an
/// explicit revision or server (never "the previous one"), and reports failures as <see cref="ExecutorFailureException"/> with a
/// stable code. It may be called again for the same request after a crash (<see cref="ExecutionAttempt.Resuming"/>): it
/// must then find out from the target what was already done rather than act again blindly.
/// </summary>
public interface IExecutorDriver
{
    /// <summary>The policy's <c>target.driver</c> value this driver serves.</summary>
    string Name { get; }

    Task<RollbackResult> RollbackAsync(RollbackOrder order, CancellationToken cancellationToken);

    Task<RemediationResult> RemediateAsync(RemediationOrder order, CancellationToken cancellationToken);
}
