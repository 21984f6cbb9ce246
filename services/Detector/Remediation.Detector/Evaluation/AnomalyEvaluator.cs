using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Signals;
using Remediation.Detector.Ingestion;
using Remediation.Policy;

namespace Remediation.Detector.Evaluation;

/// <summary>
/// The detection rules as plain functions over <see cref="ServiceState"/>: independent signals are distinct signal names;
/// an anomaly opens when at least the policy's quorum of them breach; alert instances are deduplicated by fingerprint, so a
/// re-sent alert changes nothing; a signal that recovers stays counted for the flap suppression period (a breach within it
/// is the same breach); the anomaly clears once every signal has recovered for good.
/// </summary>
public static class AnomalyEvaluator
{
    /// <summary>True when the report would change nothing (a re-sent alert): the caller answers without any I/O.</summary>
    public static bool IsNoOp(ServiceState state, SignalReport report)
    {
        state.Signals.TryGetValue(report.Observation.Name, out var active);
        return report.Breaching
            ? active is { IsBreaching: true } && active.Fingerprints.Contains(report.Fingerprint, StringComparer.Ordinal)
            : active is null || !active.Fingerprints.Contains(report.Fingerprint, StringComparer.Ordinal);
    }

    /// <summary>Applies reports of one service (in order) and then the passage of time (<see cref="Tick"/>).</summary>
    public static Evaluation Apply(ServiceState state, IEnumerable<SignalReport> reports, ServiceKey key, DetectionPolicy policy, DateTimeOffset now)
    {
        var signals = new Dictionary<string, ActiveSignal>(state.Signals, StringComparer.Ordinal);
        var changed = false;
        foreach (var report in reports)
        {
            if (IsNoOp(state with { Signals = signals }, report))
                continue;

            changed = true;
            var name = report.Observation.Name;
            signals.TryGetValue(name, out var active);
            if (report.Breaching)
            {
                signals[name] = active is null
                    ? new ActiveSignal
                    {
                        Latest = report.Observation,
                        LastSeen = report.Observation,
                        Fingerprints = [report.Fingerprint],
                        Severity = report.Severity,
                        BreachingSince = now,
                    }
                    : active with
                    {
                        // A breach within the flap suppression period continues the previous one.
                        Latest = report.Observation,
                        LastSeen = report.Observation,
                        Fingerprints = [.. active.Fingerprints, report.Fingerprint],
                        Severity = (Severity)Math.Max((int)active.Severity, (int)report.Severity),
                        RecoveredAt = null,
                    };
            }
            else
            {
                var remaining = active!.Fingerprints.Where(f => !string.Equals(f, report.Fingerprint, StringComparison.Ordinal)).ToArray();
                signals[name] = active with
                {
                    LastSeen = report.Observation,
                    Fingerprints = remaining,
                    RecoveredAt = remaining.Length == 0 ? now : null,
                };
            }
        }

        return Settle(state, signals, changed, key, policy, now);
    }

    /// <summary>Lets time pass: signals whose flap suppression period is over settle, which may clear the anomaly.</summary>
    public static Evaluation Tick(ServiceState state, ServiceKey key, DetectionPolicy policy, DateTimeOffset now) =>
        state.HasRecoveringSignals
            ? Settle(state, new Dictionary<string, ActiveSignal>(state.Signals, StringComparer.Ordinal), false, key, policy, now)
            : Evaluation.Unchanged(state);

    private static Evaluation Settle(ServiceState state, Dictionary<string, ActiveSignal> signals, bool changed, ServiceKey key,
        DetectionPolicy policy, DateTimeOffset now)
    {
        var anomaly = state.Anomaly;
        DateTimeOffset? lastRecovery = null;
        foreach (var (name, signal) in signals.Where(s => s.Value.RecoveredAt is { } at && now - at >= policy.FlapSuppression).ToList())
        {
            signals.Remove(name);
            changed = true;
            lastRecovery = lastRecovery is { } l && l > signal.RecoveredAt!.Value ? l : signal.RecoveredAt;
            if (anomaly is not null)
                anomaly = anomaly with { Settled = new Dictionary<string, SignalObservation>(anomaly.Settled, StringComparer.Ordinal) { [name] = signal.LastSeen } };
        }

        if (!changed)
            return Evaluation.Unchanged(state);

        AnomalyDetected? detected = null;
        AnomalyCleared? cleared = null;
        var breaching = signals.Values.Where(s => s.IsBreaching).OrderBy(s => s.Latest.Name, StringComparer.Ordinal).ToList();
        if (anomaly is null && breaching.Count >= Math.Max(1, policy.Quorum))
        {
            anomaly = new OpenAnomaly { AnomalyId = Guid.CreateVersion7(now), DetectedAt = now };
            detected = new AnomalyDetected
            {
                AnomalyId = anomaly.AnomalyId,
                Environment = key.Environment,
                Service = key.Service,
                Severity = breaching.Max(s => s.Severity),
                Signals = [.. breaching.Select(s => s.Latest)],
                Quorum = policy.Quorum,
                DetectedAt = now,
                OccurredAt = now,
            };
        }
        else if (anomaly is not null && signals.Count == 0)
        {
            cleared = new AnomalyCleared
            {
                AnomalyId = anomaly.AnomalyId,
                Environment = key.Environment,
                Service = key.Service,
                Signals = [.. anomaly.Settled.Values.OrderBy(s => s.Name, StringComparer.Ordinal)],
                DetectedAt = anomaly.DetectedAt,
                ClearedAt = lastRecovery ?? now,
                OccurredAt = now,
            };
            anomaly = null;
        }

        return new Evaluation(new ServiceState { Signals = signals, Anomaly = anomaly }, true, detected, cleared);
    }
}
