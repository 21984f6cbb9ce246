using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Executor.Requests;

namespace Remediation.Executor.Tests.Support;

/// <summary>Request messages as the decision service sends them.</summary>
internal static class Messages
{
    public static RollbackRequested Rollback(string toVersion, string? toRevision = null, string? toImage = null, string fromVersion = "v2",
        string service = "checkout", string environment = "production", Guid? requestId = null) => new()
    {
        RequestId = requestId ?? Guid.NewGuid(),
        IncidentId = Guid.NewGuid(),
        Environment = environment,
        Service = service,
        FromVersion = fromVersion,
        ToVersion = toVersion,
        ToRevision = toRevision,
        ToImage = toImage,
        Reason = "error_rate 0.12 > 0.05 and latency_p99_ms 4200 > 3000 within 4m of deploying v2",
        OccurredAt = DateTimeOffset.UtcNow,
    };

    public static RemediationRequested Remediation(string action, IReadOnlyDictionary<string, string>? parameters = null,
        string service = "checkout", string environment = "production") => new()
    {
        RequestId = Guid.NewGuid(),
        IncidentId = Guid.NewGuid(),
        Environment = environment,
        Service = service,
        Action = action,
        Parameters = parameters ?? new Dictionary<string, string>(),
        Reason = "latency_p99_ms 4200 > 3000 with no recent deployment",
        OccurredAt = DateTimeOffset.UtcNow,
    };

    /// <summary>The ledger row a rollback request is claimed with.</summary>
    public static ExecutorRequest Row(RollbackRequested request) => new()
    {
        RequestId = request.RequestId,
        Kind = "rollback",
        IncidentId = request.IncidentId,
        Environment = request.Environment,
        Service = request.Service,
        Request = "{}",
    };
}
