namespace Remediation.Shared.Tests.Sagas.Messages;

/// <summary>Asks for a CounterReminder after Delay.</summary>
public sealed record ScheduleCounterReminder(Guid CounterId, TimeSpan Delay, Guid StepId = default);
