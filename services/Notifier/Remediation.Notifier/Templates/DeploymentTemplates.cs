using Remediation.Contracts.Deployments;

namespace Remediation.Notifier.Templates;

/// <summary>What people are told about a deployment (only on channels that ask for deployments).</summary>
public static class DeploymentTemplates
{
    public static NotificationContent Recorded(DeploymentRecorded e)
    {
        var subject = TemplateText.Subject(e.Environment, e.Service);
        var facts = new List<Fact> { new("Version", e.Version), new("Source", e.Source) };
        if (e.Commit is { } commit)
            facts.Add(new("Commit", commit));
        if (e.Author is { } author)
            facts.Add(new("Author", author));
        if (e.Irreversible)
            facts.Add(new("Irreversible", "yes: an anomaly escalates instead of rolling back"));

        return new NotificationContent
        {
            Kind = NotificationKind.DeploymentRecorded,
            EventKey = EventKeys.For(NotificationKind.DeploymentRecorded, e.DeploymentId),
            Environment = e.Environment,
            Service = e.Service,
            Title = $"{subject}: {e.Version} deployed",
            Summary = e.Description ?? $"{e.Version} reached {e.Environment} at {TemplateText.Time(e.DeployedAt)}.",
            Facts = facts,
            ToVersion = e.Version,
            Tone = Tone.Info,
            OccurredAt = e.OccurredAt,
        };
    }
}
