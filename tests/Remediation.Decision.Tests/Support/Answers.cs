using Remediation.Contracts.Rollbacks;

namespace Remediation.Decision.Tests.Support;

/// <summary>Executor answers a test publishes itself, when it must control their timing.</summary>
public static class Answers
{
    public static RollbackCompleted Completed(RollbackRequested request) =>
        new()
        {
            RequestId = request.RequestId,
            IncidentId = request.IncidentId,
            Environment = request.Environment,
            Service = request.Service,
            FromVersion = request.FromVersion,
            ToVersion = request.ToVersion,
            Driver = "test",
            StartedAt = DateTimeOffset.UtcNow,
            CompletedAt = DateTimeOffset.UtcNow,
            RolloutDuration = TimeSpan.FromSeconds(2),
            OccurredAt = DateTimeOffset.UtcNow,
        };
}
