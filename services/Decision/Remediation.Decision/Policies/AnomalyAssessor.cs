using System.Globalization;
using Remediation.Contracts.Signals;
using Remediation.Decision.StateMachines;
using Remediation.Policy;

namespace Remediation.Decision.Policies;

/// <summary>
/// The decisions worth testing on their own, as plain functions of the saga's state, the service's policy and the
/// time: roll back (inside the rollback window after the latest deployment), run a runbook or notify (outside it),
/// escalate (irreversible deployment, nowhere to roll back to, depth limit, runbook exhausted), each held for approval
/// or only recorded according to the approval mode. Every assessment carries its rule and a reason a person can read.
/// </summary>
public static class AnomalyAssessor
{
    public static Assessment Assess(ServiceState state, ServicePolicy? policy, IReadOnlyList<SignalObservation> signals, DateTimeOffset now)
    {
        var why = Describe(signals);
        if (policy is null)
        {
            return new Assessment
            {
                Verdict = Verdict.NotifyOnly,
                Rule = "policy.missing",
                Reason = $"{why}; {state.Environment}/{state.Service} has no policy, so nothing is automated: notifying only",
            };
        }

        var window = policy.Rollback.Window;
        var latest = state.Deployments.LastOrDefault();
        if (latest is not null && latest.Version == state.CurrentVersion && now - latest.DeployedAt <= window)
        {
            var after = $"{Ago(now - latest.DeployedAt)} after {latest.Version} was deployed (window {Duration.Format(window)})";
            if (latest.Irreversible)
            {
                return Escalation("guard.irreversible", "irreversible",
                    $"{why}, {after}, but {latest.Version} is flagged irreversible: it must not be rolled back automatically");
            }

            var plan = RollbackPlanner.Plan(state, policy.Rollback);
            if (!plan.CanRollBack)
                return Escalation("rollback.blocked", plan.BlockedCode!, $"{why}, {after}, but {plan.BlockedReason}") with { Plan = plan };

            return WithApproval(policy, new Assessment
            {
                Verdict = Verdict.Rollback,
                Rule = "rollback.inside-window",
                Reason = $"roll back {state.CurrentVersion} to {plan.Target!.Version} because {why}, {after}",
                Plan = plan,
            });
        }

        var outside = latest is null
            ? "no deployment is known"
            : latest.Version != state.CurrentVersion
                ? $"the running version {state.CurrentVersion} came from a rollback, not a deployment"
                : $"the last deployment ({latest.Version}) was {Ago(now - latest.DeployedAt)} ago, outside the {Duration.Format(window)} rollback window";

        if (policy.Runbook.Steps.Count > 0)
            return RunbookStep(policy, 1, $"{why}; {outside}");

        return new Assessment
        {
            Verdict = Verdict.NotifyOnly,
            Rule = "notify.outside-window",
            Reason = $"{why}; {outside}, and no runbook is configured: notifying only",
        };
    }

    /// <summary>The version rolled back to is bad too (still anomalous after verification, or a new anomaly): go one further.</summary>
    public static Assessment AssessFallback(ServiceState state, ServicePolicy? policy, string why)
    {
        var rollback = policy?.Rollback ?? new RollbackPolicy();
        var plan = RollbackPlanner.Plan(state, rollback);
        if (!plan.CanRollBack)
            return Escalation("fallback.blocked", plan.BlockedCode!, $"{state.CurrentVersion} is bad too ({why}) and {plan.BlockedReason}") with { Plan = plan };

        var assessment = new Assessment
        {
            Verdict = Verdict.Rollback,
            Rule = "fallback.next-version",
            Reason = $"{state.CurrentVersion} is bad too ({why}): fall back to {plan.Target!.Version}",
            Plan = plan,
        };
        return policy is null ? assessment : WithApproval(policy, assessment);
    }

    /// <summary>After a runbook step settled and the service is still anomalous: the next step, or escalate.</summary>
    public static Assessment AssessNextStep(ServiceState state, ServicePolicy? policy, string why)
    {
        var steps = policy?.Runbook.Steps ?? [];
        var next = state.RunbookStep + 1;
        return next > steps.Count
            ? Escalation("runbook.exhausted", "runbook-exhausted",
                $"still anomalous after {steps.Count} runbook step{(steps.Count == 1 ? "" : "s")} ({why})")
            : RunbookStep(policy!, next, $"still anomalous after step {state.RunbookStep} ({why})");
    }

    public static string Describe(IReadOnlyList<SignalObservation> signals)
    {
        if (signals.Count == 0)
            return "an anomaly was reported";

        return string.Join(" and ", signals.Select(s =>
        {
            var op = s.Direction == SignalDirection.Below ? "<" : ">";
            return (s.Value, s.Threshold) switch
            {
                ({ } v, { } t) => $"{s.Name} {Number(v)} {op} {Number(t)}",
                ({ } v, null) => $"{s.Name} at {Number(v)}",
                _ => $"{s.Name} breaching",
            };
        }));
    }

    public static string Ago(TimeSpan span) =>
        span < TimeSpan.Zero ? "0s" : Duration.Format(span.TotalSeconds >= 60 ? TimeSpan.FromSeconds(Math.Round(span.TotalSeconds)) : span);

    private static Assessment RunbookStep(ServicePolicy policy, int step, string why)
    {
        var action = policy.Runbook.Steps[step - 1];
        return WithApproval(policy, new Assessment
        {
            Verdict = Verdict.Remediate,
            Rule = step == 1 ? "runbook.outside-window" : "runbook.next-step",
            Reason = $"run {action.Action} (runbook step {step} of {policy.Runbook.Steps.Count}) because {why}",
            Step = step,
            Action = action,
        });
    }

    private static Assessment Escalation(string rule, string code, string reason) =>
        new() { Verdict = Verdict.Escalate, Rule = rule, ReasonCode = code, Reason = reason };

    private static Assessment WithApproval(ServicePolicy policy, Assessment assessment) =>
        policy.Rollback.Approval switch
        {
            ApprovalMode.Shadow => assessment with
            {
                Verdict = Verdict.Shadow,
                WouldHave = assessment.Verdict,
                Rule = "shadow." + assessment.Rule,
                Reason = "shadow mode: would " + assessment.Reason,
            },
            ApprovalMode.Manual when assessment.Action?.Action != "notify" => assessment with
            {
                Verdict = Verdict.AwaitApproval,
                WouldHave = assessment.Verdict,
                Rule = "approval." + assessment.Rule,
                Reason = "awaiting approval to " + assessment.Reason,
            },
            _ => assessment,
        };

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
