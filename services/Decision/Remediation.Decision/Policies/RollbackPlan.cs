using Remediation.Contracts.Decisions;
using Remediation.Decision.StateMachines;

namespace Remediation.Decision.Policies;

/// <summary>Where a rollback would go, every version considered on the way, or why there is nowhere to go.</summary>
public sealed record RollbackPlan(DeploymentEntry? Target, IReadOnlyList<VersionCandidate> Candidates, string? BlockedCode, string? BlockedReason)
{
    public bool CanRollBack => Target is not null;
}
