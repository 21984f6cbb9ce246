using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remediation.Detector.Ingestion;
using Remediation.Detector.Options;
using Remediation.Policy;

namespace Remediation.Detector.Checks;

/// <summary>
/// Runs every service's <c>detection.checks</c> at its interval against Prometheus and feeds the verdicts to the same
/// pipeline as the webhooks (source <c>prometheus</c>). The policy is read at every tick, so a reloaded file takes effect
/// without a restart.
/// </summary>
internal sealed class HealthCheckRunner(
    IPolicyProvider policies,
    PrometheusClient prometheus,
    SignalMapper mapper,
    SignalPipeline pipeline,
    DetectorMetrics metrics,
    IOptionsMonitor<DetectorOptions> options,
    TimeProvider time,
    ILogger<HealthCheckRunner> logger) : BackgroundService
{
    public const string Source = "prometheus";

    private readonly ConcurrentDictionary<string, CheckState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private bool _warned;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.Prometheus.Tick, time);
        while (await NextTickAsync(timer, stoppingToken))
        {
            var checks = policies.Current.Services.SelectMany(s => s.Detection.Checks.Select(c => (Service: s, Check: c))).ToList();
            if (checks.Count == 0)
                continue;
            if (!prometheus.IsConfigured)
            {
                if (!_warned)
                    logger.LogWarning("The policy has {Count} pull checks but {Section}:Prometheus:Url is not set; they do not run", checks.Count, DetectorOptions.Section);
                _warned = true;
                continue;
            }

            var now = time.GetUtcNow();
            foreach (var (service, check) in checks)
            {
                var id = $"{service.Key}/{check.Signal}/{check.Query}";
                if (_due.TryGetValue(id, out var due) && due > now || _running.ContainsKey(id))
                    continue;
                _due[id] = now + check.Interval;
                _running[id] = RunAsync(id, service, check, stoppingToken);
            }
        }

        await Task.WhenAll(_running.Values);
    }

    /// <summary>The next tick, or false when the host stops (a stop is not a failure of the service).</summary>
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task RunAsync(string id, ServicePolicy service, HealthCheckPolicy check, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            var result = await prometheus.QueryAsync(check.Query, cancellationToken);
            var threshold = check.Threshold ?? service.Detection.Thresholds[check.Signal];
            var required = Math.Max(check.ConsecutiveBreaches, service.Detection.ConsecutiveBreaches);
            var verdict = CheckEvaluator.Evaluate(_states.GetValueOrDefault(id, CheckState.Initial), result, threshold, check.NoData, required);
            _states[id] = verdict.State;
            if (result.Failed)
            {
                metrics.Check("failed");
                logger.LogWarning("Check {Signal} of {Service} is inconclusive: {Error}", check.Signal, service.Key, result.Error);
                return;
            }

            metrics.Check(verdict.Breaching switch { true => "breach", false => "ok", null => "inconclusive" });
            if (verdict.Breaching is not { } breaching)
                return;

            var alert = new SourceAlert
            {
                Source = Source,
                Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["service"] = service.Name, ["environment"] = service.Environment },
                Signal = check.Signal,
                Firing = breaching,
                Fingerprint = $"{Source}:{check.Signal}:{Fingerprint(check.Query)}",
                ObservedAt = time.GetUtcNow(),
                Value = verdict.Value,
                Threshold = threshold.Value,
                Direction = threshold.Direction,
                Window = Duration.Format(check.Interval),
                Link = prometheus.GraphLink(check.Query),
            };

            // The check's own labels are fixed, so the configured label names do not apply: map straight to the service.
            if (mapper.TryMap(alert with { Labels = Relabel(alert, options.CurrentValue.Mapping) }, out var report, out var miss))
            {
                var outcome = await pipeline.SubmitAsync([report!], cancellationToken);
                if (outcome.Status != SubmitStatus.Accepted)
                    logger.LogWarning("Check {Signal} of {Service}: hand-off {Status}; retried at the next interval", check.Signal, service.Key, outcome.Status);
            }
            else
            {
                logger.LogWarning("Check {Signal} of {Service} maps to no service: {Reason}", check.Signal, service.Key, miss!.Reason);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Check {Signal} of {Service} failed", check.Signal, service.Key);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    private static Dictionary<string, string> Relabel(SourceAlert alert, MappingOptions mapping) => new(StringComparer.Ordinal)
    {
        [mapping.ServiceLabels[0]] = alert.Labels["service"],
        [mapping.EnvironmentLabels.Count > 0 ? mapping.EnvironmentLabels[0] : "environment"] = alert.Labels["environment"],
    };

    private static string Fingerprint(string query) => Sources.Fingerprints.FromLabels(new Dictionary<string, string> { ["q"] = query });
}
