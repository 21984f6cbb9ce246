using Remediation.Contracts.Remediations;
using Remediation.Policy;

namespace Remediation.Executor.Drivers;

/// <summary>A runbook action to carry out: the request, the service's policy, and this attempt.</summary>
public sealed record RemediationOrder(RemediationRequested Request, ServicePolicy Policy, ExecutionAttempt Attempt);
