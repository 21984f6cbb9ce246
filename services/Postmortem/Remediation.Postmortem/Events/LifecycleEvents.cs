using System.Text.Json;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Approvals;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Persistence;
using Remediation.Policy;

namespace Remediation.Postmortem.Events;

/// <summary>The lifecycle messages the postmortem service records: how each is keyed, timed, attached and summarised.</summary>
public static class LifecycleEvents
{
    /// <summary>Every recorded message type by its name (the name is stored with the message).</summary>
    public static readonly IReadOnlyDictionary<string, Type> Types = new[]
    {
        typeof(DeploymentRecorded), typeof(AnomalyDetected), typeof(AnomalyCleared), typeof(IncidentOpened), typeof(DecisionRecorded),
        typeof(RollbackRequested), typeof(RollbackCompleted), typeof(RollbackFailed), typeof(RemediationRequested),
        typeof(RemediationCompleted), typeof(RemediationFailed), typeof(ApprovalRequested), typeof(ApprovalDecided),
        typeof(IncidentEscalated), typeof(IncidentResolved),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The message types that name no incident and are attached by anomaly id or by time.</summary>
    public static bool IsUnlinked(string type) => type is nameof(AnomalyDetected) or nameof(AnomalyCleared) or nameof(DecisionRecorded);

    public static string Serialize(object message) => JsonSerializer.Serialize(message, message.GetType(), JsonColumns.Options);

    public static object Deserialize(string type, string json) =>
        Types.TryGetValue(type, out var clr)
            ? JsonSerializer.Deserialize(json, clr, JsonColumns.Options) ?? throw new JsonException($"A stored {type} is null.")
            : throw new JsonException($"'{type}' is not a recorded message type.");

    /// <summary>Describes a message; throws <see cref="ArgumentException"/> for a type that is not recorded or names no service.</summary>
    public static LifecycleEvent Describe(object message, long sequence = 0)
    {
        ArgumentNullException.ThrowIfNull(message);
        var e = message switch
        {
            DeploymentRecorded m => Make(m, m.DeploymentId, null, null, m.Environment, m.Service, m.DeployedAt, Summaries.Of(m)),
            AnomalyDetected m => Make(m, m.AnomalyId, null, m.AnomalyId, m.Environment, m.Service, m.DetectedAt, Summaries.Of(m)),
            AnomalyCleared m => Make(m, m.AnomalyId, null, m.AnomalyId, m.Environment, m.Service, m.ClearedAt, Summaries.Of(m)) with
            {
                // Attached where its detection was, so that it follows the anomaly it clears.
                AttachAt = m.DetectedAt == default ? m.ClearedAt : m.DetectedAt,
            },
            IncidentOpened m => Make(m, m.IncidentId, m.IncidentId, m.AnomalyId, m.Environment, m.Service, m.OpenedAt, Summaries.Of(m)),
            DecisionRecorded m => Make(m, m.DecisionId, m.IncidentId, null, m.Environment, m.Service, m.OccurredAt, Summaries.Of(m)),
            RollbackRequested m => Make(m, m.RequestId, m.IncidentId, null, m.Environment, m.Service, m.OccurredAt, Summaries.Of(m)),
            RollbackCompleted m => Make(m, m.RequestId, m.IncidentId, null, m.Environment, m.Service, m.CompletedAt, Summaries.Of(m)),
            RollbackFailed m => Make(m, m.RequestId, m.IncidentId, null, m.Environment, m.Service, m.OccurredAt, Summaries.Of(m)),
            RemediationRequested m => Make(m, m.RequestId, m.IncidentId, null, m.Environment, m.Service, m.OccurredAt, Summaries.Of(m)),
            RemediationCompleted m => Make(m, m.RequestId, m.IncidentId, null, m.Environment, m.Service, m.OccurredAt, Summaries.Of(m)),
            RemediationFailed m => Make(m, m.RequestId, m.IncidentId, null, m.Environment, m.Service, m.OccurredAt, Summaries.Of(m)),
            ApprovalRequested m => Make(m, m.ApprovalId, m.IncidentId, null, m.Environment, m.Service, m.OccurredAt, Summaries.Of(m)),
            ApprovalDecided m => Make(m, m.ApprovalId, m.IncidentId, null, m.Environment, m.Service, m.OccurredAt, Summaries.Of(m)),
            IncidentEscalated m => Make(m, m.IncidentId, m.IncidentId, null, m.Environment, m.Service, m.OccurredAt, Summaries.Of(m)),
            IncidentResolved m => Make(m, m.IncidentId, m.IncidentId, null, m.Environment, m.Service, m.ResolvedAt, Summaries.Of(m)),
            _ => throw new ArgumentException($"{message.GetType().Name} is not a lifecycle message the postmortem service records.", nameof(message)),
        };
        return e with { Sequence = sequence };
    }

    /// <summary>Where an event sits among events of the same time: the order the lifecycle produces them in.</summary>
    public static int Rank(string type) => type switch
    {
        nameof(DeploymentRecorded) => 0,
        nameof(AnomalyDetected) => 1,
        nameof(IncidentOpened) => 2,
        nameof(DecisionRecorded) => 3,
        nameof(ApprovalRequested) => 4,
        nameof(ApprovalDecided) => 5,
        nameof(RollbackRequested) or nameof(RemediationRequested) => 6,
        nameof(RollbackCompleted) or nameof(RollbackFailed) or nameof(RemediationCompleted) or nameof(RemediationFailed) => 7,
        nameof(AnomalyCleared) => 8,
        nameof(IncidentEscalated) => 9,
        _ => 10,
    };

    /// <summary>Events in timeline order: by time, then lifecycle order, then arrival.</summary>
    public static IOrderedEnumerable<LifecycleEvent> InOrder(this IEnumerable<LifecycleEvent> events) =>
        events.OrderBy(e => e.At).ThenBy(e => Rank(e.Type)).ThenBy(e => e.Sequence);

    private static LifecycleEvent Make(object message, Guid id, Guid? incidentId, Guid? anomalyId, string environment, string service, DateTimeOffset at, string summary)
    {
        // Trimmed and lower-cased like the policy's ServiceKey, so that filters and attachment match however a sender spells them.
        var key = new ServiceKey(environment, service);
        var type = message.GetType().Name;
        return new LifecycleEvent
        {
            Type = type,
            Key = $"{type}:{id:D}",
            IncidentId = incidentId == Guid.Empty ? null : incidentId,
            AnomalyId = anomalyId == Guid.Empty ? null : anomalyId,
            Environment = key.Environment,
            Service = key.Service,
            At = at,
            AttachAt = at,
            Summary = summary,
            Message = message,
        };
    }
}
