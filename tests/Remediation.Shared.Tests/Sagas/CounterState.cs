using MassTransit;
using Remediation.Persistence.Sagas;

namespace Remediation.Shared.Tests.Sagas;

/// <summary>The test saga's state, stored as a document by the repository under test.</summary>
public sealed class CounterState : SagaStateMachineInstance, IStoredSaga
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public int Version { get; set; }

    public int Starts { get; set; }

    public int Count { get; set; }

    /// <summary>Changes that succeeded only on a retry of their message (after a concurrency conflict).</summary>
    public int RetriedUpdates { get; set; }

    public Guid? ReminderToken { get; set; }

    public int Reminders { get; set; }

    /// <summary>For failure messages of waits on this state.</summary>
    public override string ToString() =>
        $"{CurrentState} v{Version}: starts {Starts}, count {Count}, retried {RetriedUpdates}, reminders {Reminders}, token {ReminderToken?.ToString() ?? "none"}";
}
