using Remediation.Contracts.Incidents;
using Remediation.Contracts.Signals;

namespace Remediation.Notifier.Templates;

/// <summary>What people are told when an incident opens, escalates and resolves.</summary>
public static class IncidentTemplates
{
    public static NotificationContent Opened(IncidentOpened e)
    {
        var subject = TemplateText.Subject(e.Environment, e.Service);
        var facts = new List<Fact>
        {
            new("Severity", e.Severity.ToString().ToLowerInvariant()),
            new("Detected", TemplateText.Time(e.DetectedAt == default ? e.OpenedAt : e.DetectedAt)),
        };
        if (e.CurrentVersion is { } current)
            facts.Add(new("Running", current));

        var summary = $"{e.Signals.Count} signal{(e.Signals.Count == 1 ? "" : "s")} breach{(e.Signals.Count == 1 ? "es" : "")} on {subject}.";
        if (e.SuspectDeployment is { } suspect)
        {
            var ago = TemplateText.Duration((e.DetectedAt == default ? e.OpenedAt : e.DetectedAt) - suspect.DeployedAt);
            summary += $" Suspect change: {suspect.Version}, deployed {ago} before.";
            facts.Add(new("Suspect change", Describe(suspect)));
        }

        return new NotificationContent
        {
            Kind = NotificationKind.IncidentOpened,
            EventKey = EventKeys.For(NotificationKind.IncidentOpened, e.IncidentId),
            IncidentId = e.IncidentId,
            Environment = e.Environment,
            Service = e.Service,
            Severity = e.Severity,
            Title = e.Signals.Count > 0
                ? $"{subject}: incident opened, {TemplateText.Signal(e.Signals[0])}"
                : $"{subject}: incident opened",
            Summary = summary,
            Facts = facts,
            Signals = e.Signals,
            FromVersion = e.CurrentVersion ?? e.SuspectDeployment?.Version,
            Tone = e.Severity >= Severity.Major ? Tone.Bad : Tone.Warning,
            OccurredAt = e.OccurredAt,
        };
    }

    public static NotificationContent Escalated(IncidentEscalated e)
    {
        var subject = TemplateText.Subject(e.Environment, e.Service);
        var facts = new List<Fact> { new("Reason code", e.ReasonCode), new("Severity", e.Severity.ToString().ToLowerInvariant()) };
        if (e.Chain.Count > 0)
            facts.Add(new("Chain", TemplateText.Chain(e.Chain)));
        if (e.CurrentVersion is { } current)
            facts.Add(new("Running", current));

        return new NotificationContent
        {
            Kind = NotificationKind.IncidentEscalated,
            EventKey = EventKeys.For(NotificationKind.IncidentEscalated, e.IncidentId, e.ReasonCode),
            IncidentId = e.IncidentId,
            Environment = e.Environment,
            Service = e.Service,
            Severity = e.Severity,
            Title = $"{subject}: escalated to humans ({e.ReasonCode})",
            Summary = $"Automation stopped for {subject} and stays paused until someone resumes it.",
            Reason = e.Reason,
            Facts = facts,
            Chain = e.Chain,
            FromVersion = e.CurrentVersion,
            Tone = Tone.Bad,
            OccurredAt = e.OccurredAt,
        };
    }

    public static NotificationContent Resolved(IncidentResolved e)
    {
        var subject = TemplateText.Subject(e.Environment, e.Service);
        var facts = new List<Fact> { new("Resolution", e.Resolution) };
        var summary = e.ResolvedVersion is { } version ? $"{subject} is healthy on {version}" : $"{subject} is healthy";
        if (e.OpenedAt != default)
        {
            var lasted = TemplateText.Duration(e.ResolvedAt - e.OpenedAt);
            summary += $"; the incident lasted {lasted}";
            facts.Add(new("Duration", lasted));
        }

        if (e.Chain.Count > 0)
            facts.Add(new("Chain", TemplateText.Chain(e.Chain)));

        return new NotificationContent
        {
            Kind = NotificationKind.IncidentResolved,
            EventKey = EventKeys.For(NotificationKind.IncidentResolved, e.IncidentId),
            IncidentId = e.IncidentId,
            Environment = e.Environment,
            Service = e.Service,
            Title = e.ResolvedVersion is { } v ? $"{subject}: resolved on {v}" : $"{subject}: resolved",
            Summary = summary + $" ({e.Resolution}).",
            Facts = facts,
            Chain = e.Chain,
            ToVersion = e.ResolvedVersion,
            Tone = Tone.Good,
            OccurredAt = e.OccurredAt,
        };
    }

    private static string Describe(Contracts.Deployments.DeploymentSummary d)
    {
        var parts = new List<string> { d.Version };
        if (d.Commit is { } commit)
            parts.Add("commit " + (commit.Length > 12 ? commit[..12] : commit));
        if (d.Author is { } author)
            parts.Add("by " + author);
        if (d.Description is { } description)
            parts.Add($"\"{description}\"");
        return string.Join(", ", parts);
    }
}
