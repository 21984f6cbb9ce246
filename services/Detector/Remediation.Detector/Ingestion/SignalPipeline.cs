using Microsoft.Extensions.Logging;
using Remediation.Detector.Evaluation;
using Remediation.Detector.State;
using Remediation.Policy;

namespace Remediation.Detector.Ingestion;

/// <summary>
/// Hands mapped reports to the evaluator and makes what is new durable: duplicates are answered from memory; a change
/// takes a bounded hand-off slot (else <see cref="SubmitStatus.Overloaded"/>), is evaluated under the service's lock,
/// stored with its messages in one transaction and published (confirmed) before the caller answers.
/// </summary>
public sealed class SignalPipeline(
    ServiceStateStore store,
    OutboxPublisher outbox,
    IPolicyProvider policies,
    HandoffGate gate,
    DetectorMetrics metrics,
    TimeProvider time,
    ILogger<SignalPipeline> logger)
{
    public async Task<SubmitOutcome> SubmitAsync(IReadOnlyList<SignalReport> reports, CancellationToken cancellationToken)
    {
        // Fast path: a request of re-sent alerts touches neither the database nor the broker.
        List<IGrouping<ServiceKey, SignalReport>>? work = null;
        var duplicates = 0;
        foreach (var group in reports.GroupBy(r => r.Key))
        {
            var state = await store.GetAsync(group.Key, cancellationToken);
            var changes = group.Count(r => !AnomalyEvaluator.IsNoOp(state, r));
            duplicates += group.Count() - changes;
            if (changes > 0)
                (work ??= []).Add(group);
        }

        if (work is null)
            return new SubmitOutcome(SubmitStatus.Accepted, 0, duplicates, 0);

        using var lease = await gate.AcquireAsync(cancellationToken);
        if (!lease.IsAcquired)
            return new SubmitOutcome(SubmitStatus.Overloaded, 0, duplicates, 0);

        var fresh = 0;
        var published = 0;
        foreach (var group in work)
        {
            var (status, count, sent) = await ApplyAsync(group.Key, group.ToList(), cancellationToken);
            fresh += count;
            published += sent;
            if (status != SubmitStatus.Accepted)
                return new SubmitOutcome(status, fresh, duplicates, published);
        }

        return new SubmitOutcome(SubmitStatus.Accepted, fresh, duplicates, published);
    }

    /// <summary>Lets time pass for one service (flap suppression ending may clear its anomaly).</summary>
    public Task<(SubmitStatus Status, int New, int Published)> TickAsync(ServiceKey key, CancellationToken cancellationToken) =>
        ApplyAsync(key, [], cancellationToken);

    private async Task<(SubmitStatus Status, int New, int Published)> ApplyAsync(ServiceKey key, IReadOnlyList<SignalReport> reports,
        CancellationToken cancellationToken)
    {
        var policy = policies.Find(key.Environment, key.Service);
        if (policy is null)
            return (SubmitStatus.Accepted, 0, 0);

        IReadOnlyList<PendingMessage> pending;
        using (await store.LockAsync(key, cancellationToken))
        {
            Evaluation.Evaluation evaluation;
            int fresh;
            try
            {
                var state = await store.GetAsync(key, cancellationToken);
                fresh = reports.Count(r => !AnomalyEvaluator.IsNoOp(state, r));
                evaluation = AnomalyEvaluator.Apply(state, reports, key, policy.Detection, time.GetUtcNow());
                if (!evaluation.Changed)
                    return (SubmitStatus.Accepted, 0, 0);
                pending = await store.CommitAsync(key, evaluation.State, [.. evaluation.Messages], cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                metrics.HandoffFailed("storage");
                logger.LogWarning(ex, "Storing the state of {Service} failed; the request is refused with 503", key);
                return (SubmitStatus.StorageUnavailable, 0, 0);
            }

            try
            {
                // Published under the service's lock so that its events leave in the order they happened.
                await outbox.PublishAsync(pending, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                metrics.HandoffFailed("broker");
                logger.LogWarning(ex, "Publishing for {Service} failed; {Count} messages wait in the outbox", key, pending.Count);
                return (SubmitStatus.BrokerUnavailable, fresh, 0);
            }

            foreach (var message in pending)
            {
                metrics.Published(message.Message.GetType().Name);
                LogPublished(key, message.Message);
            }

            return (SubmitStatus.Accepted, fresh, pending.Count);
        }
    }

    private void LogPublished(ServiceKey key, object message)
    {
        switch (message)
        {
            case Contracts.Anomalies.AnomalyDetected d:
                logger.LogInformation("Anomaly {AnomalyId} detected for {Service}: {Signals}", d.AnomalyId, key,
                    string.Join(", ", d.Signals.Select(s => $"{s.Name}={s.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} ({s.Source})")));
                break;
            case Contracts.Anomalies.AnomalyCleared c:
                logger.LogInformation("Anomaly {AnomalyId} of {Service} cleared", c.AnomalyId, key);
                break;
        }
    }
}
