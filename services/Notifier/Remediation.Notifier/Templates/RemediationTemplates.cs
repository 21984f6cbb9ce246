using System.Globalization;
using Remediation.Contracts.Remediations;

namespace Remediation.Notifier.Templates;

/// <summary>What people are told about runbook steps (restart, scale, fail over, notify).</summary>
public static class RemediationTemplates
{
    public static NotificationContent Requested(RemediationRequested e)
    {
        var subject = TemplateText.Subject(e.Environment, e.Service);
        var facts = new List<Fact> { new("Action", e.Action), new("Step", e.Step.ToString(CultureInfo.InvariantCulture)) };
        facts.AddRange(e.Parameters.Where(p => p.Key != "message").Select(p => new Fact(p.Key, p.Value)));

        // A runbook "notify" step is a message for people: it says what the runbook author wrote, on the channel they named.
        var isNotice = e.Action == "notify";
        return new NotificationContent
        {
            Kind = NotificationKind.RemediationRequested,
            EventKey = EventKeys.For(NotificationKind.RemediationRequested, e.RequestId),
            IncidentId = e.IncidentId,
            Environment = e.Environment,
            Service = e.Service,
            Title = isNotice ? $"{subject}: runbook notice" : $"{subject}: runbook step {e.Step}, {e.Action}",
            Summary = isNotice && e.Parameters.TryGetValue("message", out var message)
                ? message
                : $"Running the runbook's step {e.Step} ({e.Action}) on {subject}.",
            Reason = e.Reason,
            Facts = facts,
            TargetChannel = isNotice && e.Parameters.TryGetValue("channel", out var channel) ? channel : null,
            Tone = Tone.Warning,
            OccurredAt = e.OccurredAt,
        };
    }

    public static NotificationContent Completed(RemediationCompleted e)
    {
        var subject = TemplateText.Subject(e.Environment, e.Service);
        return new NotificationContent
        {
            Kind = NotificationKind.RemediationCompleted,
            EventKey = EventKeys.For(NotificationKind.RemediationCompleted, e.RequestId),
            IncidentId = e.IncidentId,
            Environment = e.Environment,
            Service = e.Service,
            Title = $"{subject}: runbook step {e.Step}, {e.Action}, done",
            Summary = e.Details ?? $"The runbook's step {e.Step} ({e.Action}) ran on {subject}.",
            Facts = [new("Action", e.Action), new("Step", e.Step.ToString(CultureInfo.InvariantCulture)), new("Took", TemplateText.Duration(e.Duration))],
            Tone = Tone.Good,
            OccurredAt = e.OccurredAt,
        };
    }

    public static NotificationContent Failed(RemediationFailed e)
    {
        var subject = TemplateText.Subject(e.Environment, e.Service);
        return new NotificationContent
        {
            Kind = NotificationKind.RemediationFailed,
            EventKey = EventKeys.For(NotificationKind.RemediationFailed, e.RequestId),
            IncidentId = e.IncidentId,
            Environment = e.Environment,
            Service = e.Service,
            Title = $"{subject}: runbook step {e.Step}, {e.Action}, failed ({e.ReasonCode})",
            Summary = $"The runbook's step {e.Step} ({e.Action}) could not run on {subject}.",
            Reason = e.Reason,
            Facts = [new("Action", e.Action), new("Step", e.Step.ToString(CultureInfo.InvariantCulture)), new("Reason code", e.ReasonCode)],
            Tone = Tone.Bad,
            OccurredAt = e.OccurredAt,
        };
    }
}
