using Remediation.Scheduling;

namespace Remediation.Shared.Tests.Scheduling;

/// <summary>
/// The dispatcher's signal. <c>WaitAsync</c> records the next look before it first awaits, so a notification after the
/// call is compared with it.
/// </summary>
public sealed class SchedulerSignalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_message_due_before_the_next_look_wakes_the_sleeping_dispatcher()
    {
        using var signal = new SchedulerSignal();
        var sleeping = signal.WaitAsync(Now, TimeSpan.FromSeconds(30), CancellationToken.None);

        signal.Notify(Now.AddSeconds(5));

        Assert.True(await sleeping.WaitAsync(TimeSpan.FromSeconds(10)), "the dispatcher was not woken");
    }

    [Fact]
    public async Task A_message_due_after_the_next_look_lets_it_sleep()
    {
        using var signal = new SchedulerSignal();
        var sleeping = signal.WaitAsync(Now, TimeSpan.FromMilliseconds(300), CancellationToken.None);

        signal.Notify(Now.AddMinutes(10));

        Assert.False(await sleeping, "the dispatcher was woken for a message due after it looks anyway");
    }

    [Fact]
    public async Task A_message_stored_while_the_dispatcher_works_wakes_its_next_sleep_at_once()
    {
        using var signal = new SchedulerSignal();

        signal.Notify(Now.AddMinutes(10));

        Assert.True(await signal.WaitAsync(Now, TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
