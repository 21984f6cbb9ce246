using Remediation.Contracts.Rollbacks;

namespace Remediation.Notifier.Templates;

/// <summary>What people are told when a rollback is asked for, done, or fails.</summary>
public static class RollbackTemplates
{
    public static NotificationContent Requested(RollbackRequested e)
    {
        var subject = TemplateText.Subject(e.Environment, e.Service);
        return new NotificationContent
        {
            Kind = NotificationKind.RollbackRequested,
            EventKey = EventKeys.For(NotificationKind.RollbackRequested, e.RequestId),
            IncidentId = e.IncidentId,
            Environment = e.Environment,
            Service = e.Service,
            Title = $"{subject}: rolling back {e.FromVersion} → {e.ToVersion}",
            Summary = e.Depth > 1
                ? $"Fallback #{e.Depth}: {e.ToVersion} is the next version to try, asked by {e.RequestedBy}."
                : $"Rolling back to {e.ToVersion}, the last healthy version, asked by {e.RequestedBy}.",
            Reason = e.Reason,
            Facts = [new("From", e.FromVersion), new("To", e.ToVersion), new("Depth", e.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            FromVersion = e.FromVersion,
            ToVersion = e.ToVersion,
            Tone = Tone.Warning,
            OccurredAt = e.OccurredAt,
        };
    }

    public static NotificationContent Completed(RollbackCompleted e)
    {
        var subject = TemplateText.Subject(e.Environment, e.Service);
        var facts = new List<Fact>
        {
            new("From", e.FromVersion),
            new("To", e.ToVersion),
            new("Driver", e.Driver),
            new("Rollout", TemplateText.Duration(e.RolloutDuration > TimeSpan.Zero ? e.RolloutDuration : e.CompletedAt - e.StartedAt)),
        };
        if (e.Details is { } details)
            facts.Add(new("Details", details));

        return new NotificationContent
        {
            Kind = NotificationKind.RollbackCompleted,
            EventKey = EventKeys.For(NotificationKind.RollbackCompleted, e.RequestId),
            IncidentId = e.IncidentId,
            Environment = e.Environment,
            Service = e.Service,
            Title = $"{subject}: rolled back {e.FromVersion} → {e.ToVersion}",
            Summary = e.AlreadyAtTarget
                ? $"{subject} was already running {e.ToVersion}; nothing changed. Verifying now."
                : $"{e.ToVersion} is running and healthy after the rollout ({e.Driver}). Verifying now.",
            Facts = facts,
            FromVersion = e.FromVersion,
            ToVersion = e.ToVersion,
            Tone = Tone.Good,
            OccurredAt = e.OccurredAt,
        };
    }

    public static NotificationContent Failed(RollbackFailed e)
    {
        var subject = TemplateText.Subject(e.Environment, e.Service);
        return new NotificationContent
        {
            Kind = NotificationKind.RollbackFailed,
            EventKey = EventKeys.For(NotificationKind.RollbackFailed, e.RequestId),
            IncidentId = e.IncidentId,
            Environment = e.Environment,
            Service = e.Service,
            Title = $"{subject}: rollback {e.FromVersion} → {e.ToVersion} failed ({e.ReasonCode})",
            Summary = $"The {e.Driver} driver could not roll {subject} back to {e.ToVersion}.",
            Reason = e.Reason,
            Facts = [new("From", e.FromVersion), new("To", e.ToVersion), new("Driver", e.Driver), new("Reason code", e.ReasonCode)],
            FromVersion = e.FromVersion,
            ToVersion = e.ToVersion,
            Tone = Tone.Bad,
            OccurredAt = e.OccurredAt,
        };
    }
}
