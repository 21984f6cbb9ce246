using Remediation.Contracts.Rollbacks;
using Remediation.Policy;

namespace Remediation.Executor.Drivers;

/// <summary>A rollback to carry out: the request, the service's policy (target and timeouts), and this attempt.</summary>
public sealed record RollbackOrder(RollbackRequested Request, ServicePolicy Policy, ExecutionAttempt Attempt);
