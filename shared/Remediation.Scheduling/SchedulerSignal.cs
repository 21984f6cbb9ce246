namespace Remediation.Scheduling;

/// <summary>
/// Wakes the dispatcher when this instance stores a message that is due before the dispatcher means to look next, so a
/// short timer is not held up by the idle bound, and a timer due later does not wake it for nothing (with the saga's
/// timers stored in its own transaction, every anomaly stores one: at 1,000 a second the dispatcher would otherwise
/// query the table after each).
/// </summary>
public sealed class SchedulerSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    // UTC ticks of the dispatcher's next look while it sleeps; long.MaxValue while it works (then every store wakes it,
    // as the rows it just read may not include the new one).
    private long _nextLook = long.MaxValue;

    /// <summary>Wakes the dispatcher if a message due at <paramref name="dueAt"/> is due before its next look.</summary>
    public void Notify(DateTimeOffset dueAt)
    {
        if (dueAt.UtcTicks < Interlocked.Read(ref _nextLook))
            Notify();
    }

    /// <summary>Wakes the dispatcher.</summary>
    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up is enough.
            }
        }
    }

    public void Dispose() => _signal.Dispose();

    /// <summary>Sleeps until <paramref name="now"/> + <paramref name="timeout"/> or a wake-up.</summary>
    public async Task<bool> WaitAsync(DateTimeOffset now, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _nextLook, (now + timeout).UtcTicks);
        try
        {
            return await _signal.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref _nextLook, long.MaxValue);
        }
    }
}
