using MassTransit;
using Remediation.Shared.Tests.Sagas.Messages;

namespace Remediation.Shared.Tests.Sagas;

/// <summary>A small saga for the repository and scheduler tests: counts starts and increments, and keeps one reminder.</summary>
public sealed class CounterStateMachine : MassTransitStateMachine<CounterState>
{
    public CounterStateMachine(SagaGate gate)
    {
        InstanceState(x => x.CurrentState);
        Event(() => Started, e => e.CorrelateById(m => m.Message.CounterId));
        Event(() => Incremented, e => e.CorrelateById(m => m.Message.CounterId));
        Event(() => Finished, e => e.CorrelateById(m => m.Message.CounterId));
        Event(() => ReminderRequested, e => e.CorrelateById(m => m.Message.CounterId));
        Event(() => ReminderCancelled, e => e.CorrelateById(m => m.Message.CounterId));
        Schedule(() => Reminder, x => x.ReminderToken, s => s.Received = e => e.CorrelateById(m => m.Message.CounterId));

        Initially(
            When(Started)
                .ThenAsync(context => ChangeAsync(gate, context, context.Message.StepId, s => s.Starts++))
                .TransitionTo(Active));

        During(Active,
            When(Started)
                .ThenAsync(context => ChangeAsync(gate, context, context.Message.StepId, s => s.Starts++)),
            When(Incremented)
                .ThenAsync(context => ChangeAsync(gate, context, context.Message.StepId, s => s.Count++)),
            When(ReminderRequested)
                .ThenAsync(context => gate.PassAsync(context.Message.StepId, context.GetRetryAttempt(), context.CancellationToken))
                .Schedule(Reminder, context => new CounterReminder(context.Message.CounterId), context => context.Message.Delay),
            When(ReminderCancelled)
                .Unschedule(Reminder),
            When(Reminder!.Received)
                .Then(context => context.Saga.Reminders++),
            When(Finished)
                .Finalize());

        SetCompletedWhenFinalized();
    }

    public State Active { get; private set; } = null!;

    public Event<StartCounter> Started { get; private set; } = null!;

    public Event<IncrementCounter> Incremented { get; private set; } = null!;

    public Event<FinishCounter> Finished { get; private set; } = null!;

    public Event<ScheduleCounterReminder> ReminderRequested { get; private set; } = null!;

    public Event<CancelCounterReminder> ReminderCancelled { get; private set; } = null!;

    public Schedule<CounterState, CounterReminder> Reminder { get; private set; } = null!;

    private static async Task ChangeAsync<T>(SagaGate gate, BehaviorContext<CounterState, T> context, Guid stepId, Action<CounterState> change)
        where T : class
    {
        var attempt = context.GetRetryAttempt();
        await gate.PassAsync(stepId, attempt, context.CancellationToken);
        change(context.Saga);
        if (attempt > 0)
            context.Saga.RetriedUpdates++;
    }
}
