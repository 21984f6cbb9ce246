using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>
/// An incident as the postmortem service records it (<c>GET /api/incidents/{id}</c>): its state and rollback chain,
/// and its timeline of lifecycle events with each message as it travelled, from which the timings are read.
/// </summary>
public sealed class IncidentRecord(JsonElement detail)
{
    public JsonElement Detail { get; } = detail;

    private JsonElement Incident => Detail.Get("incident");

    public Guid Id => Incident.Get("id").GetGuid();

    public string? State => Incident.Text("state");

    public string? Resolution => Incident.Text("resolution");

    public string? EscalationReasonCode => Incident.Text("escalationReasonCode");

    public IReadOnlyList<string> Chain => Incident.Strings("chain");

    public string? FinalVersion => Incident.Text("finalVersion");

    /// <summary>The messages of one type on the timeline, in timeline order.</summary>
    public IReadOnlyList<JsonElement> Messages(string type) =>
        [.. Detail.Items("timeline").Where(e => string.Equals(e.Text("type"), type, StringComparison.OrdinalIgnoreCase)).Select(e => e.Get("detail"))];

    public IReadOnlyList<string> Types => [.. Detail.Items("timeline").Select(e => e.Text("type") ?? "?")];

    /// <summary>When Prometheus' first alert of the anomaly became active (the earliest signal's observation time).</summary>
    public DateTimeOffset? AlertActiveAt => Messages("AnomalyDetected").SelectMany(m => m.Items("signals")).Select(s => s.Time("observedAt"))
        .Where(t => t is not null).Min();

    /// <summary>When the detector had the quorum of alerts (it publishes AnomalyDetected as it receives the deciding one).</summary>
    public DateTimeOffset? DetectedAt => Messages("AnomalyDetected").Select(m => m.Time("detectedAt")).Min();

    public IReadOnlyList<DateTimeOffset> RollbacksRequestedAt => [.. Messages("RollbackRequested").Select(m => m.Time("occurredAt")!.Value).Order()];

    public IReadOnlyList<(string From, string To, DateTimeOffset At)> RollbacksCompleted =>
        [.. Messages("RollbackCompleted").Select(m => (m.Text("fromVersion") ?? "?", m.Text("toVersion") ?? "?", m.Time("completedAt")!.Value)).OrderBy(r => r.Item3)];

    public DateTimeOffset? ResolvedAt => Messages("IncidentResolved").Select(m => m.Time("resolvedAt")).FirstOrDefault();

    public DateTimeOffset? EscalatedAt => Messages("IncidentEscalated").Select(m => m.Time("occurredAt")).FirstOrDefault();

    /// <summary>The incident's timings from the bad deployment, one line each, for the test output.</summary>
    public string Timings(string scenario, DateTimeOffset deployedAt)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{scenario}: bad deploy at {deployedAt:HH:mm:ss.fff}Z; {string.Join(" → ", Chain)}, {State}");
        text.AppendLine();
        void Line(string what, DateTimeOffset? at)
        {
            if (at is { } time)
                text.AppendLine(CultureInfo.InvariantCulture, $"  {what,-52} +{(time - deployedAt).TotalSeconds,7:0.000} s");
        }

        Line("first alert active in Prometheus", AlertActiveAt);
        Line("anomaly detected (quorum of alerts at the detector)", DetectedAt);
        foreach (var (at, i) in RollbacksRequestedAt.Select((at, i) => (at, i)))
            Line($"RollbackRequested #{i + 1}", at);
        foreach (var (from, to, at) in RollbacksCompleted)
            Line($"rollback done: {from} → {to} (RollbackCompleted)", at);
        Line("IncidentResolved", ResolvedAt);
        Line("IncidentEscalated", EscalatedAt);
        if (DetectedAt is { } detected && RollbacksRequestedAt.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  alert received → RollbackRequested: {(RollbacksRequestedAt[0] - detected).TotalMilliseconds:0.0} ms; " +
                $"bad deploy → rollback done: {(RollbacksCompleted.Count > 0 ? (RollbacksCompleted[0].At - deployedAt).TotalSeconds : double.NaN):0.000} s");
        }

        return text.ToString();
    }
}
