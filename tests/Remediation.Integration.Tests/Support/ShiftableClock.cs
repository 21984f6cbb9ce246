namespace Remediation.Integration.Tests.Support;

/// <summary>
/// The machine's clock plus an offset the test moves forward. Given to the decision hosts as their <see cref="TimeProvider"/>
/// (before <c>AddDecision()</c>, as the decision module's own harness does), it is what the saga reads for windows and
/// cooldowns and what the durable scheduler reads for what is due: a five-minute verification period passes when the
/// test says so, never by sleeping, and time still flows between the test's steps as it does in production.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
