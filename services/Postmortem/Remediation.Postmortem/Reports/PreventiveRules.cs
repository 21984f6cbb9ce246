using Remediation.Postmortem.Events;
using Remediation.Postmortem.Incidents;

namespace Remediation.Postmortem.Reports;

/// <summary>
/// Rules that suggest preventive actions from an incident and its service's history. Each returns its action with the
/// evidence (the numbers) that triggered it, or nothing.
/// </summary>
public static class PreventiveRules
{
    /// <summary>The drivers that switch traffic between versions (canary, blue/green) instead of replacing them.</summary>
    public static readonly IReadOnlySet<string> TrafficSwitchDrivers = new HashSet<string>(["haproxy"], StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<PreventiveAction> Suggest(RuleContext context)
    {
        IEnumerable<PreventiveAction?> all =
        [
            .. RepeatedRollbacks(context),
            BreachAfterEveryDeploy(context),
            NoCanary(context),
            FallbackBeyondOne(context),
            .. FailedRollbacks(context),
            .. SlowRollouts(context),
            SlowDetection(context),
            Irreversible(context),
            Escalated(context),
        ];
        return [.. all.OfType<PreventiveAction>()];
    }

    /// <summary>A version this incident rolled back from has been rolled back before.</summary>
    public static IEnumerable<PreventiveAction> RepeatedRollbacks(RuleContext context)
    {
        var rollbacks = context.History.Rollbacks.Select(r => (r.RequestId, r.FromVersion, At: r.OccurredAt))
            .Concat(context.Steps.Where(s => s.RequestedAt is not null).Select(s => (s.RequestId, s.FromVersion, At: s.RequestedAt!.Value)))
            .DistinctBy(r => r.RequestId).ToList();
        foreach (var version in context.Steps.Select(s => s.FromVersion).Distinct(StringComparer.Ordinal))
        {
            var times = rollbacks.Where(r => r.FromVersion == version).Select(r => r.At).Order().ToList();
            if (times.Count >= context.Rules.RepeatedRollbacks)
            {
                yield return new PreventiveAction("repeated-rollback",
                    $"Stop redeploying {version} until the cause of its rollbacks is found and a test covers it.",
                    $"{version} of {context.Incident.Service} was rolled back {times.Count} times ({string.Join(", ", times.Select(Text.Time))}).");
            }
        }
    }

    /// <summary>Each of the latest deployments of the service was followed by an anomaly inside the attribution window.</summary>
    public static PreventiveAction? BreachAfterEveryDeploy(RuleContext context)
    {
        var count = context.Rules.RecentDeploys;
        var deployments = context.History.Deployments.DistinctBy(d => d.DeploymentId).OrderByDescending(d => d.DeployedAt).ToList();
        if (deployments.Count < count)
            return null;

        var signals = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var deployment = deployments[i];
            var until = deployment.DeployedAt + context.DeployAttribution;
            if (i > 0 && deployments[i - 1].DeployedAt < until)
                until = deployments[i - 1].DeployedAt;
            var breach = context.History.Anomalies.Where(a => a.DetectedAt >= deployment.DeployedAt && a.DetectedAt < until).MinBy(a => a.DetectedAt);
            if (breach is null)
                return null;
            signals.UnionWith(breach.Signals.Select(s => s.Name));
        }

        var versions = string.Join(", ", deployments.Take(count).Select(d => d.Version));
        return new PreventiveAction("breach-after-every-deploy",
            $"Catch this before production: a pre-production load or soak test, or a canary stage, that watches {string.Join(", ", signals)}.",
            $"Each of the last {count} deployments of {context.Incident.Service} ({versions}) breached its thresholds within " +
            $"{Text.Duration(context.DeployAttribution)} of going out.");
    }

    /// <summary>The target replaces the whole service at once: no canary, no instant switch back.</summary>
    public static PreventiveAction? NoCanary(RuleContext context)
    {
        if (context.Driver is not { } driver || TrafficSwitchDrivers.Contains(driver))
            return null;
        return new PreventiveAction("no-canary",
            $"Release {context.Incident.Service} through a canary or blue/green traffic switch (the haproxy driver), so that a bad version " +
            "meets part of the traffic first and switching back is instant.",
            $"The target driver is {driver}: every release and every rollback replaces the whole service.");
    }

    /// <summary>The incident fell back more than one version: the version believed healthy was bad too.</summary>
    public static PreventiveAction? FallbackBeyondOne(RuleContext context)
    {
        var depth = Math.Max(context.Steps.Select(s => s.Depth).DefaultIfEmpty(0).Max(), context.Steps.Count);
        if (depth < 2)
            return null;
        var bad = context.Steps.OrderBy(s => s.Depth).Skip(1).Select(s => s.FromVersion).Distinct(StringComparer.Ordinal);
        return new PreventiveAction("fallback-beyond-one",
            "Review how versions are marked healthy (a longer verify_for), and look for a cause outside the release: a dependency, data or configuration.",
            $"{string.Join(", ", bad)} was believed healthy but failed too: the incident fell back {depth} versions " +
            $"({string.Join(" → ", context.Incident.Chain)}).");
    }

    public static IEnumerable<PreventiveAction> FailedRollbacks(RuleContext context) =>
        context.Steps.Where(s => s.Outcome == "failed").Select(s => new PreventiveAction("rollback-failed",
            $"Fix the rollback path ({s.ReasonCode}) and rehearse it before it is needed again.",
            $"The rollback {s.FromVersion} → {s.ToVersion} failed in {s.Driver}: {s.Reason?.TrimEnd('.')}."));

    public static IEnumerable<PreventiveAction> SlowRollouts(RuleContext context) =>
        context.Steps.Where(s => s.Outcome == "completed" && s.Duration > context.Rules.SlowRollout).Select(s => new PreventiveAction("slow-rollout",
            $"Speed up rollouts of {context.Incident.Service}: faster readiness checks, surge capacity, images pulled ahead.",
            $"The rollback {s.FromVersion} → {s.ToVersion} took {Text.Duration(s.Duration)}" +
            $"{(s.RolloutDuration is { } r ? $" (rollout {Text.Duration(r)})" : "")}, over {Text.Duration(context.Rules.SlowRollout)}."));

    public static PreventiveAction? SlowDetection(RuleContext context)
    {
        var timings = context.Incident.Timings;
        if (timings.TimeToDetect is not { } ttd || ttd <= context.Rules.SlowDetection)
            return null;
        var from = timings.DetectionStartKind == "deploy" ? "the deploy" : "the first breach";
        return new PreventiveAction("slow-detection",
            "Detect sooner: shorter alert windows and 'for:' durations, or a pulled health check right after each deploy.",
            $"The anomaly was detected {Text.Duration(ttd)} after {from}, over {Text.Duration(context.Rules.SlowDetection)}.");
    }

    public static PreventiveAction? Irreversible(RuleContext context) =>
        context.Suspect is { Irreversible: true } suspect
            ? new PreventiveAction("irreversible-change",
                "Make schema and data changes backward-compatible (expand, then contract) so that a release can always be rolled back.",
                $"{suspect.Version} was marked irreversible, so automation could not roll it back.")
            : null;

    public static PreventiveAction? Escalated(RuleContext context) =>
        context.Escalation is { } escalation && context.Incident.State == IncidentState.Escalated
            ? new PreventiveAction("escalated",
                $"Write the runbook for '{escalation.ReasonCode}' and resume automation for {context.Incident.Service} once it is safe: it stays paused until then.",
                $"Automation escalated {Text.Duration(context.Incident.Timings.TimeToEscalate)} after detection: {escalation.Reason.TrimEnd('.')}.")
            : null;
}
