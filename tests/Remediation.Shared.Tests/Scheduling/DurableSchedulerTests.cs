using Remediation.Shared.Tests.Sagas;
using Remediation.Shared.Tests.Sagas.Messages;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Scheduling;

/// <summary>The durable scheduler (scheduled_messages on PostgreSQL) behind a saga's Schedule/Unschedule, over real RabbitMQ.</summary>
public sealed class DurableSchedulerTests
{
    private static readonly TimeSpan Timeout = Eventually.DefaultTimeout;

    [Theory]
    [InlineData(false, TimerStore.SchedulerQueue)]
    [InlineData(true, TimerStore.SchedulerQueue)]
    [InlineData(true, TimerStore.SagaTransaction)]
    [InlineData(true, TimerStore.SchedulerQueueBesideSagaTransaction)]
    public async Task Scheduled_message_reaches_the_saga_after_its_delay_and_leaves_the_table(bool quorumQueues, TimerStore timers)
    {
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        await using var service = await CounterService.StartAsync(vhost, store.Configuration, scheduler: true,
            settings: [KeyValuePair.Create("Remediation:Messaging:RabbitMq:UseQuorumQueues", (string?)quorumQueues.ToString())], timers: timers);
        var id = await StartCounterAsync(service);

        var requested = DateTimeOffset.UtcNow;
        await service.SendAsync(new ScheduleCounterReminder(id, TimeSpan.FromSeconds(1)));
        var stored = await Eventually.UntilAsync(() => service.ScheduledAsync(), rows => rows.Count == 1, Timeout, "the reminder stored");
        Assert.InRange(stored[0].DueAt, requested.AddSeconds(1).AddMilliseconds(-50), requested.AddSeconds(1) + Timeout);

        var reminded = await Eventually.UntilAsync(() => service.LoadAsync(id), s => s?.Reminders == 1, Timeout, "the reminder received");
        Assert.True(DateTimeOffset.UtcNow >= stored[0].DueAt, "the reminder arrived before it was due");
        Assert.Null(reminded!.ReminderToken);
        // The dispatcher deletes a row in the transaction that sent it: the saga can see the message before that commits.
        await Eventually.UntilAsync(() => service.ScheduledAsync(), rows => rows.Count == 0, Timeout, "the sent rows deleted");
    }

    [Theory]
    [InlineData(TimerStore.SchedulerQueue)]
    [InlineData(TimerStore.SagaTransaction)]
    public async Task Unscheduled_message_is_deleted_and_never_delivered(TimerStore timers)
    {
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        await using var service = await CounterService.StartAsync(vhost, store.Configuration, scheduler: true, timers: timers);
        var cancelled = await StartCounterAsync(service);
        var witness = await StartCounterAsync(service);

        await service.SendAsync(new ScheduleCounterReminder(cancelled, TimeSpan.FromSeconds(5)));
        await Eventually.UntilAsync(() => service.ScheduledAsync(), rows => rows.Count == 1, Timeout, "the reminder stored");
        await service.SendAsync(new CancelCounterReminder(cancelled));
        await Eventually.UntilAsync(() => service.ScheduledAsync(), rows => rows.Count == 0, Timeout, "the reminder deleted");
        Assert.True((await service.LoadAsync(cancelled))!.Reminders == 0, "the reminder was delivered before the cancellation, so this test proves nothing");

        // The witness's reminder is due after the cancelled one would have been, and the dispatcher sends in due order
        // to the same queue: once the witness has its reminder, the cancelled one would have arrived first.
        await service.SendAsync(new ScheduleCounterReminder(witness, TimeSpan.FromSeconds(6)));
        await Eventually.UntilAsync(() => service.LoadAsync(witness), s => s?.Reminders == 1, Timeout, "the witness's reminder received");
        var state = await service.LoadAsync(cancelled);
        Assert.Equal((0, (Guid?)null), (state!.Reminders, state.ReminderToken));
    }

    [Theory]
    [InlineData(StoreKind.PostgreSql)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Cancelling_a_timer_whose_row_the_dispatcher_took_already_stores_the_saga(StoreKind kind)
    {
        // The cancellation deletes the row in the saga's own save; finding it gone is not a conflict.
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(kind);
        await using var service = await CounterService.StartAsync(vhost, store.Configuration, scheduler: true, timers: TimerStore.SagaTransaction);
        var id = await StartCounterAsync(service);
        await service.SendAsync(new ScheduleCounterReminder(id, TimeSpan.FromHours(1)));
        var stored = await Eventually.UntilAsync(() => service.ScheduledAsync(), rows => rows.Count == 1, Timeout, "the reminder stored");
        var before = await service.LoadAsync(id);

        // As the dispatcher does once it has sent a due row.
        Assert.Equal(1, await service.DeleteScheduledAsync(stored[0].TokenId));
        await service.SendAsync(new CancelCounterReminder(id));

        var state = await Eventually.UntilAsync(() => service.LoadAsync(id), s => s?.ReminderToken is null, Timeout, "the cancellation stored");
        Assert.Equal(before!.Version + 1, state!.Version);
        Assert.Equal(0u, await vhost.CountMessagesAsync(service.Queue + "_error") ?? 0);
    }

    [Fact]
    public async Task A_timer_whose_token_the_saga_no_longer_holds_is_delivered_and_ignored()
    {
        // A cancellation can lose the race with the dispatcher, which then sends the row's token after the saga let go of
        // it. What makes that harmless: the state machine ignores a token it does not hold.
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        await using var service = await CounterService.StartAsync(vhost, store.Configuration, scheduler: true, timers: TimerStore.SagaTransaction);
        var stale = await StartCounterAsync(service);
        var witness = await StartCounterAsync(service);
        await service.SendAsync(new ScheduleCounterReminder(stale, TimeSpan.FromSeconds(2)));
        await Eventually.UntilAsync(() => service.ScheduledAsync(), rows => rows.Count == 1, Timeout, "the reminder stored");

        // The saga moves on without its timer (as a cancellation whose delete was lost leaves it); the row stays.
        await service.ChangeStoredAsync(stale, d => d["reminderToken"] = null, newVersion: true);
        await service.SendAsync(new ScheduleCounterReminder(witness, TimeSpan.FromSeconds(3)));

        // The dispatcher sends in due order to the same queue: once the witness has its reminder, the stale one came first.
        await Eventually.UntilAsync(() => service.LoadAsync(witness), s => s?.Reminders == 1, Timeout, "the witness's reminder received");
        // The dispatcher deletes a row in the transaction that sent it: the saga can see the message before that commits.
        await Eventually.UntilAsync(() => service.ScheduledAsync(), rows => rows.Count == 0, Timeout, "the sent rows deleted");
        var state = await service.LoadAsync(stale);
        Assert.Equal((0, (Guid?)null), (state!.Reminders, state.ReminderToken));
        Assert.Equal(0u, await vhost.CountMessagesAsync(service.Queue + "_error") ?? 0);
    }

    [Fact]
    public async Task Timer_set_in_the_saga_transaction_by_an_update_that_loses_is_not_stored_only_the_retry_s_is()
    {
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        var gate = new SagaGate();
        await using var a = await CounterService.StartAsync(vhost, store.Configuration, gate, prefix: "a-", scheduler: true, timers: TimerStore.SagaTransaction);
        await using var b = await CounterService.StartAsync(vhost, store.Configuration, gate, prefix: "b-", scheduler: true, timers: TimerStore.SagaTransaction);
        var id = Guid.NewGuid();
        await a.SendAsync(new StartCounter(id, Guid.NewGuid()));
        await Eventually.UntilAsync(() => a.LoadAsync(id), s => s is not null, Timeout, "the saga inserted");

        // A loads version 1, is held, then sets its timer and loses to B's update: its row must go with its transaction.
        var held = Guid.NewGuid();
        gate.Hold(held);
        await a.SendAsync(new ScheduleCounterReminder(id, TimeSpan.FromHours(1), held));
        await gate.ReachedAsync(held);
        await b.SendAsync(new IncrementCounter(id, Guid.NewGuid()));
        await Eventually.UntilAsync(() => b.LoadAsync(id), s => s?.Version == 2, Timeout, "B's update stored while A holds version 1");
        gate.Release(held);

        var final = await Eventually.UntilAsync(() => a.LoadAsync(id), s => s?.Version == 3, Timeout, "A's retry stored");
        var rows = await a.ScheduledAsync();
        Assert.Equal([final!.ReminderToken!.Value], rows.Select(r => r.TokenId));
        Assert.Equal(0u, await vhost.CountMessagesAsync("a-counter_error") ?? 0);
    }

    [Fact]
    public async Task Scheduled_message_survives_a_restart_of_the_host()
    {
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        Guid id;
        await using (var first = await CounterService.StartAsync(vhost, store.Configuration, scheduler: true))
        {
            id = await StartCounterAsync(first);
            await first.SendAsync(new ScheduleCounterReminder(id, TimeSpan.FromSeconds(10)));
            await Eventually.UntilAsync(() => first.ScheduledAsync(), rows => rows.Count == 1, Timeout, "the reminder stored");
        }

        // A new host: a new bus and a new dispatcher on the same database and virtual host.
        await using var second = await CounterService.StartAsync(vhost, store.Configuration, scheduler: true);
        var pending = await second.ScheduledAsync();
        Assert.True(pending.Count == 1, "the reminder was sent before the first host stopped, so this test proves nothing; the machine is too slow for its 10 s delay");
        Assert.Equal(0, (await second.LoadAsync(id))!.Reminders);

        await Eventually.UntilAsync(() => second.LoadAsync(id), s => s?.Reminders == 1, TimeSpan.FromSeconds(60), "the reminder sent by the new host");
        // The dispatcher deletes a row in the transaction that sent it: the saga can see the message before that commits.
        await Eventually.UntilAsync(() => second.ScheduledAsync(), rows => rows.Count == 0, Timeout, "the sent rows deleted");
    }

    [Fact]
    public async Task Scheduled_message_due_while_the_broker_is_down_after_a_crash_is_delivered_once_it_is_back()
    {
        await using var broker = await RabbitMqServer.StartDedicatedAsync();
        await using var vhost = await broker.CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        await using var service = await CounterService.StartAsync(vhost, store.Configuration, scheduler: true, settings: ShortRetryDelay);
        var id = await StartCounterAsync(service);
        await service.SendAsync(new ScheduleCounterReminder(id, TimeSpan.FromSeconds(6)));
        var due = (await Eventually.UntilAsync(() => service.ScheduledAsync(), rows => rows.Count == 1, Timeout, "the reminder stored"))[0].DueAt;

        await broker.KillAsync();
        Assert.True(DateTimeOffset.UtcNow < due, "the broker was killed after the reminder was due, so this test proves nothing");
        await Eventually.UntilAsync(() => DateTimeOffset.UtcNow > due.AddSeconds(1), Timeout, "the reminder's due time passing with the broker down");
        var whileDown = await service.ScheduledAsync();
        await broker.StartAsync();

        Assert.Single(whileDown);
        await Eventually.UntilAsync(() => service.LoadAsync(id), s => s?.Reminders == 1, TimeSpan.FromSeconds(90), "the reminder delivered after the broker restarted");
        await Eventually.UntilAsync(() => service.ScheduledAsync(), rows => rows.Count == 0, Timeout, "the sent reminder deleted");
    }

    [Fact]
    public async Task Scheduled_message_due_during_a_graceful_broker_restart_is_delivered_once()
    {
        await using var broker = await RabbitMqServer.StartDedicatedAsync();
        await using var vhost = await broker.CreateVirtualHostAsync();
        await using var store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        await using var service = await CounterService.StartAsync(vhost, store.Configuration, scheduler: true, settings: ShortRetryDelay);
        var id = await StartCounterAsync(service);

        // A graceful stop takes several seconds (the broker closes connections, flushes, stops its plugins): the reminder
        // falls due somewhere in it, whether the dispatcher's send then fails or gets through before the listener closes.
        await service.SendAsync(new ScheduleCounterReminder(id, TimeSpan.FromSeconds(2)));
        await Eventually.UntilAsync(() => service.ScheduledAsync(), rows => rows.Count == 1, Timeout, "the reminder stored");
        await broker.StopAsync();
        await broker.StartAsync();

        await Eventually.UntilAsync(() => service.LoadAsync(id), s => s?.Reminders >= 1, TimeSpan.FromSeconds(90), "the reminder delivered");
        await Eventually.UntilAsync(() => service.ScheduledAsync(), rows => rows.Count == 0, Timeout, "the sent reminder deleted");
        Assert.Equal(1, (await service.LoadAsync(id))!.Reminders);
    }

    private static readonly KeyValuePair<string, string?>[] ShortRetryDelay = [KeyValuePair.Create("Remediation:Scheduling:RetryDelay", (string?)"00:00:00.500")];

    private static async Task<Guid> StartCounterAsync(CounterService service)
    {
        var id = Guid.NewGuid();
        await service.SendAsync(new StartCounter(id, Guid.NewGuid()));
        await Eventually.UntilAsync(() => service.LoadAsync(id), s => s is not null, Timeout, "the counter started");
        return id;
    }
}
