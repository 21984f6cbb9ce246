using Remediation.Contracts.Decisions;
using Remediation.Decision.StateMachines;
using Remediation.Policy;

namespace Remediation.Decision.Policies;

/// <summary>
/// Chooses the rollback target: walking the deployment history from the newest, the first version other than the one
/// running that was verified healthy and was never found bad. A version that was rolled back is bad and never a target
/// again; a version never verified is not trusted. The depth limit caps how many rollbacks one incident may make.
/// </summary>
public static class RollbackPlanner
{
    public static RollbackPlan Plan(ServiceState state, RollbackPolicy policy)
    {
        var candidates = new List<VersionCandidate>();
        DeploymentEntry? target = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = state.Deployments.Count - 1; i >= 0; i--)
        {
            var deployment = state.Deployments[i];
            if (!seen.Add(deployment.Version) || deployment.Version == state.CurrentVersion)
                continue;

            var health = state.Versions.GetValueOrDefault(deployment.Version);
            var verdict = health?.Verdict ?? HealthVerdict.Unknown;
            var eligible = verdict == HealthVerdict.Healthy && target is null;
            string note = verdict switch
            {
                HealthVerdict.Bad => $"bad: {health!.Reason}",
                HealthVerdict.Unknown => "never verified healthy",
                _ when target is not null => $"healthy, older than {target.Version}",
                _ => $"healthy: {health!.Reason}",
            };
            candidates.Add(new VersionCandidate
            {
                Version = deployment.Version,
                Health = verdict.ToString().ToLowerInvariant(),
                DeployedAt = deployment.DeployedAt,
                Eligible = eligible,
                Note = note,
            });
            if (eligible)
                target = deployment;
        }

        if (state.Depth >= policy.MaxDepth)
            return new RollbackPlan(null, candidates, "depth-limit",
                $"the incident already made {state.Depth} rollback{(state.Depth == 1 ? "" : "s")}, the limit is {policy.MaxDepth}");

        return target is null
            ? new RollbackPlan(null, candidates, "chain-exhausted",
                candidates.Count == 0 ? "there is no earlier version to roll back to" : "no earlier version is known to be healthy")
            : new RollbackPlan(target, candidates, null, null);
    }
}
