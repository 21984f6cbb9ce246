using Remediation.Contracts.Approvals;

namespace Remediation.Notifier.Templates;

/// <summary>What people are told when an action waits for their approval, and when someone decides.</summary>
public static class ApprovalTemplates
{
    public static NotificationContent Requested(ApprovalRequested e)
    {
        var subject = TemplateText.Subject(e.Environment, e.Service);
        var what = e.Action == "rollback" && e.FromVersion is not null && e.ToVersion is not null
            ? $"roll back {e.FromVersion} → {e.ToVersion}"
            : e.Action;
        return new NotificationContent
        {
            Kind = NotificationKind.ApprovalRequested,
            EventKey = EventKeys.For(NotificationKind.ApprovalRequested, e.ApprovalId),
            IncidentId = e.IncidentId,
            Environment = e.Environment,
            Service = e.Service,
            Title = $"{subject}: approval needed to {what}",
            Summary = $"Approve or reject approval {e.ApprovalId} before {TemplateText.Time(e.ExpiresAt)}; after that the incident escalates.",
            Reason = e.Reason,
            Facts = [new("Action", e.Action), new("Approval", e.ApprovalId.ToString()), new("Expires", TemplateText.Time(e.ExpiresAt))],
            FromVersion = e.FromVersion,
            ToVersion = e.ToVersion,
            Tone = Tone.Warning,
            OccurredAt = e.OccurredAt,
        };
    }

    public static NotificationContent Decided(ApprovalDecided e)
    {
        var subject = TemplateText.Subject(e.Environment, e.Service);
        var verdict = e.Approved ? "approved" : "rejected";
        return new NotificationContent
        {
            Kind = NotificationKind.ApprovalDecided,
            EventKey = EventKeys.For(NotificationKind.ApprovalDecided, e.ApprovalId),
            IncidentId = e.IncidentId,
            Environment = e.Environment,
            Service = e.Service,
            Title = $"{subject}: {verdict} by {e.DecidedBy}",
            Summary = e.Comment is { Length: > 0 } comment ? $"{e.DecidedBy}: \"{comment}\"" : $"Approval {e.ApprovalId} was {verdict}.",
            Facts = [new("Approval", e.ApprovalId.ToString()), new("Decision", verdict), new("By", e.DecidedBy)],
            Tone = e.Approved ? Tone.Info : Tone.Warning,
            OccurredAt = e.OccurredAt,
        };
    }
}
