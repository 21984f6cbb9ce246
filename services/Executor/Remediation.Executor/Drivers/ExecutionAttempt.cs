namespace Remediation.Executor.Drivers;

/// <summary>
/// One attempt at a request. <see cref="Resuming"/> says an earlier attempt claimed it and did not finish (a crash, a
/// restart); <see cref="PreviouslyActedAt"/> says whether that attempt got as far as acting. A driver calls
/// <see cref="MarkActingAsync"/> right before it changes anything, so that the next attempt knows.
/// </summary>
public sealed class ExecutionAttempt(bool resuming, DateTimeOffset? previouslyActedAt, Func<CancellationToken, Task> markActing)
{
    public bool Resuming { get; } = resuming;

    public DateTimeOffset? PreviouslyActedAt { get; } = previouslyActedAt;

    /// <summary>An attempt with no history (tests, tools).</summary>
    public static ExecutionAttempt First() => new(false, null, _ => Task.CompletedTask);

    public Task MarkActingAsync(CancellationToken cancellationToken) => markActing(cancellationToken);
}
