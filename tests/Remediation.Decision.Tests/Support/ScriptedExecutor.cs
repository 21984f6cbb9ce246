using MassTransit;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;

namespace Remediation.Decision.Tests.Support;

/// <summary>
/// Plays the executor in saga tests: answers every rollback and remediation request with success, unless the
/// script says to fail it or to stay silent. The real executor has its own tests.
/// </summary>
public sealed class ScriptedExecutor(ExecutorScript script) : IConsumer<RollbackRequested>, IConsumer<RemediationRequested>
{
    public async Task Consume(ConsumeContext<RollbackRequested> context)
    {
        var m = context.Message;
        switch (script.Next(m.ToVersion))
        {
            case ExecutorAnswer.Fail:
                await context.Publish(new RollbackFailed
                {
                    RequestId = m.RequestId, IncidentId = m.IncidentId, Environment = m.Environment, Service = m.Service,
                    FromVersion = m.FromVersion, ToVersion = m.ToVersion, Driver = "scripted", ReasonCode = "revision-pruned",
                    Reason = $"revision of {m.ToVersion} no longer exists", OccurredAt = DateTimeOffset.UtcNow,
                });
                break;
            case ExecutorAnswer.Succeed:
                await context.Publish(new RollbackCompleted
                {
                    RequestId = m.RequestId, IncidentId = m.IncidentId, Environment = m.Environment, Service = m.Service,
                    FromVersion = m.FromVersion, ToVersion = m.ToVersion, Driver = "scripted", StartedAt = DateTimeOffset.UtcNow,
                    CompletedAt = DateTimeOffset.UtcNow, RolloutDuration = TimeSpan.FromSeconds(3), OccurredAt = DateTimeOffset.UtcNow,
                });
                break;
        }
    }

    public async Task Consume(ConsumeContext<RemediationRequested> context)
    {
        var m = context.Message;
        if (script.Next(m.Action) == ExecutorAnswer.Succeed)
        {
            await context.Publish(new RemediationCompleted
            {
                RequestId = m.RequestId, IncidentId = m.IncidentId, Environment = m.Environment, Service = m.Service, Action = m.Action,
                Step = m.Step, Details = $"{m.Action} done", Duration = TimeSpan.FromSeconds(1), OccurredAt = DateTimeOffset.UtcNow,
            });
        }
    }
}
