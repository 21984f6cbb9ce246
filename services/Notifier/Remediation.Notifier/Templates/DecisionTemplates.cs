using Remediation.Contracts.Decisions;

namespace Remediation.Notifier.Templates;

/// <summary>
/// What people are told about a decision. A decision whose action has its own event (a rollback, a runbook step, an
/// approval request, an escalation, a resolution) is not told twice: that event quotes the same reason. Routine
/// bookkeeping (a version's health) is not told at all.
/// </summary>
public static class DecisionTemplates
{
    public static bool IsWorthTelling(DecisionRecorded e) => e.Outcome switch
    {
        DecisionOutcome.VersionHealth => false,
        DecisionOutcome.Rollback or DecisionOutcome.Remediate or DecisionOutcome.AwaitApproval or DecisionOutcome.Escalate => e.Shadow,
        DecisionOutcome.Resolve => e.Timers.Any(t => t.Name == "verification"),
        DecisionOutcome.NoAction => e.IncidentId is not null,
        _ => true,
    };

    /// <summary>The content for a decision, or null when it is not worth a notification.</summary>
    public static NotificationContent? Recorded(DecisionRecorded e)
    {
        if (!IsWorthTelling(e))
            return null;

        var subject = TemplateText.Subject(e.Environment, e.Service);
        var facts = new List<Fact> { new("Rule", e.Rule), new("Decided by", e.DecidedBy) };
        if (e.TargetVersion is { } target)
            facts.Add(new("Target", target));
        facts.AddRange(e.Timers.Select(t => new Fact($"Timer {t.Name}", "due " + TemplateText.Time(t.DueAt))));
        if (e.VersionsConsidered.Count > 0)
            facts.Add(new("Versions considered", string.Join("; ", e.VersionsConsidered.Select(Describe))));

        return new NotificationContent
        {
            Kind = NotificationKind.DecisionRecorded,
            EventKey = EventKeys.For(NotificationKind.DecisionRecorded, e.DecisionId),
            IncidentId = e.IncidentId,
            Environment = e.Environment,
            Service = e.Service,
            Title = $"{subject}: {Headline(e)}",
            Summary = e.Shadow
                ? $"Shadow mode: the decision was recorded and nothing was executed ({e.Outcome})."
                : $"Decision: {e.Outcome} ({e.Rule}).",
            Reason = e.Reason,
            Facts = facts,
            Signals = e.Signals,
            ToVersion = e.TargetVersion,
            Tone = e.Outcome == DecisionOutcome.NoAction || e.Shadow ? Tone.Warning : Tone.Info,
            OccurredAt = e.OccurredAt,
        };
    }

    private static string Headline(DecisionRecorded e)
    {
        var to = e.TargetVersion is { } v ? $" to {v}" : "";
        return (e.Outcome, e.Shadow) switch
        {
            (DecisionOutcome.WouldAct, _) or (_, true) when e.TargetVersion is not null => $"would have rolled back{to} (shadow mode)",
            (DecisionOutcome.WouldAct, _) or (_, true) => "would have acted (shadow mode)",
            (DecisionOutcome.NoAction, _) => "no automatic action",
            (DecisionOutcome.NotifyOnly, _) => "notify only, no automatic action",
            (DecisionOutcome.Resolve, _) => e.TargetVersion is { } version ? $"verifying {version}" : "verifying",
            (DecisionOutcome.Override, _) => $"override by {e.DecidedBy}",
            _ => e.Outcome.ToString(),
        };
    }

    private static string Describe(VersionCandidate c)
    {
        var text = $"{c.Version}: {c.Health}, {(c.Eligible ? "eligible" : "not eligible")}";
        return c.Note is { Length: > 0 } note ? $"{text} ({note})" : text;
    }
}
