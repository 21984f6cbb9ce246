using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Remediation.Messaging;
using Remediation.Shared.Tests.Messaging;
using Remediation.Shared.Tests.Sagas;
using Remediation.Shared.Tests.Sagas.Messages;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Fixtures;

public sealed class HarnessExtensionsTests
{
    [Fact]
    public async Task Harness_runs_the_modules_and_saga_schedules_fire_and_cancel_in_memory()
    {
        var services = new ServiceCollection().AddSingleton(new SagaGate()).AddSingleton(new ConsumerProbe());
        services.AddBusModule("counter", bus => bus.AddSagaStateMachine<CounterStateMachine, CounterState>().InMemoryRepository());
        services.AddRemediationTestHarness();
        await using var provider = services.BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var sagas = harness.GetSagaStateMachineHarness<CounterStateMachine, CounterState>();
        var reminded = Guid.NewGuid();
        var cancelled = Guid.NewGuid();

        await harness.Bus.Publish(new StartCounter(reminded, Guid.NewGuid()));
        await harness.Bus.Publish(new StartCounter(cancelled, Guid.NewGuid()));
        Assert.NotNull(await sagas.Exists(reminded, m => m.Active));
        Assert.NotNull(await sagas.Exists(cancelled, m => m.Active));
        await harness.Bus.Publish(new ScheduleCounterReminder(cancelled, TimeSpan.FromSeconds(3)));
        await Eventually.UntilAsync(() => sagas.Sagas.Contains(cancelled)?.ReminderToken is not null, Eventually.DefaultTimeout, "the reminder scheduled");
        await harness.Bus.Publish(new CancelCounterReminder(cancelled));
        await Eventually.UntilAsync(() => sagas.Sagas.Contains(cancelled)?.ReminderToken is null, Eventually.DefaultTimeout, "the reminder cancelled");
        Assert.True(sagas.Sagas.Contains(cancelled)!.Reminders == 0, "the reminder was delivered before the cancellation, so this test proves nothing");
        // Due after the cancelled one would have been: once it arrives, the cancelled one would have arrived first.
        await harness.Bus.Publish(new ScheduleCounterReminder(reminded, TimeSpan.FromSeconds(4)));

        await Eventually.UntilAsync(() => sagas.Sagas.Contains(reminded)?.Reminders == 1, Eventually.DefaultTimeout, "the reminder delivered by the delayed scheduler");
        Assert.Equal(0, sagas.Sagas.Contains(cancelled)!.Reminders);
        Assert.False(await harness.Published.Any<Fault>());
    }

    [Fact]
    public async Task Harness_endpoints_retry_a_failing_consumer_before_faulting()
    {
        var probe = new ConsumerProbe();
        var services = new ServiceCollection().AddSingleton(probe);
        services.AddBusModule("failing", bus => bus.AddConsumer<FailingPingConsumer>());
        services.AddRemediationTestHarness();
        await using var provider = services.BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var id = Guid.NewGuid();

        await harness.Bus.Publish(new Ping(id));

        Assert.True(await harness.Published.Any<Fault<Ping>>(x => x.Context.Message.Message.Id == id));
        Assert.Equal(4, probe.AttemptsFor(id));
    }
}
