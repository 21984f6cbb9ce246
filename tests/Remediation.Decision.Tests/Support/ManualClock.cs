namespace Remediation.Decision.Tests.Support;

/// <summary>
/// A clock the test moves: the saga reads it for windows and cooldowns, and the durable scheduler for what is due, so a
/// five-minute verification period passes when the test says so — no sleeping, no race with a short timer.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
