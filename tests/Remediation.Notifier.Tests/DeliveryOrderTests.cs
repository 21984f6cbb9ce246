using Remediation.Notifier.Channels;
using Remediation.Notifier.Delivery;
using Remediation.Notifier.Routing;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Tests;

public sealed class DeliveryOrderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_opening_goes_first_and_the_resolution_last_whatever_their_times_say()
    {
        var opened = DeliveryOrder.For(NotificationKind.IncidentOpened, Noon.AddMinutes(5));
        var rollback = DeliveryOrder.For(NotificationKind.RollbackRequested, Noon);
        var completed = DeliveryOrder.For(NotificationKind.RollbackCompleted, Noon.AddSeconds(40));
        var resolved = DeliveryOrder.For(NotificationKind.IncidentResolved, Noon.AddSeconds(-5));

        Assert.True(opened < rollback);
        Assert.True(rollback < completed);
        Assert.True(completed < resolved);
    }

    [Fact]
    public void Rescheduled_runs_wait_twice_as_long_each_time_up_to_the_maximum()
    {
        var retry = new ChannelRetryOptions { RescheduleDelay = TimeSpan.FromSeconds(30), MaxRescheduleDelay = TimeSpan.FromMinutes(10) };

        var delays = Enumerable.Range(1, 7).Select(run => DeliveryWorker.Backoff(retry, run)).ToList();

        Assert.Equal([30, 60, 120, 240, 480, 600, 600], delays.Select(d => (int)d.TotalSeconds));
    }
}
