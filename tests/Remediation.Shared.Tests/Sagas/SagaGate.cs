using System.Collections.Concurrent;

namespace Remediation.Shared.Tests.Sagas;

/// <summary>
/// Holds chosen messages inside the saga (after the instance was loaded, before it is saved) until the test releases
/// them: the way to make two buses update one instance at the same time, every time. Only a message's first attempt is
/// held; its retry passes.
/// </summary>
public sealed class SagaGate
{
    private readonly ConcurrentDictionary<Guid, (TaskCompletionSource Reached, TaskCompletionSource Released)> _holds = new();

    public void Hold(Guid stepId) =>
        _holds[stepId] = (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Completes when the held message is inside the saga.</summary>
    public Task ReachedAsync(Guid stepId) => _holds[stepId].Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));

    public void Release(Guid stepId) => _holds[stepId].Released.TrySetResult();

    public async Task PassAsync(Guid stepId, int retryAttempt, CancellationToken cancellationToken)
    {
        if (retryAttempt > 0 || !_holds.TryGetValue(stepId, out var hold))
            return;

        hold.Reached.TrySetResult();
        await hold.Released.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
    }
}
