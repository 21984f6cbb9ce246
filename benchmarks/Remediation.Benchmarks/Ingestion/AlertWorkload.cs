using System.Globalization;
using System.Text;

namespace Remediation.Benchmarks.Ingestion;

/// <summary>
/// The alerts both targets receive, request by request: 10 alerts per request (5 instances each of an error-rate and a
/// latency alert of one service). Most requests repeat one of a fixed pool of groups (duplicates, as Alertmanager re-sends
/// them); every <c>freshEvery</c>-th request is a group for a service never seen before, which opens one anomaly.
/// </summary>
internal sealed class AlertWorkload
{
    public const string Environment = "bench";
    public const int AlertsPerRequest = 10;
    private const int PoolServices = 20;
    private const int GroupsPerService = 5;

    private readonly byte[][] _detectorPool;
    private readonly byte[][] _alertmanagerPool;
    private readonly string _startsAt = DateTimeOffset.UtcNow.AddMinutes(-1).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public AlertWorkload(int freshEvery, int freshServices)
    {
        FreshEvery = freshEvery;
        FreshServices = freshServices;
        var pool = Enumerable.Range(0, PoolServices * GroupsPerService).Select(i => (Service: $"pool-{i / GroupsPerService:000}", Group: i % GroupsPerService)).ToList();
        _detectorPool = [.. pool.Select(p => Encoding.UTF8.GetBytes(Webhook(p.Service, p.Group)))];
        _alertmanagerPool = [.. pool.Select(p => Encoding.UTF8.GetBytes(PostableAlerts(p.Service, p.Group)))];
    }

    public int FreshEvery { get; }

    public int FreshServices { get; }

    /// <summary>Distinct services (so distinct anomalies) that <paramref name="sent"/> requests touched.</summary>
    public int DistinctServices(long sent) => PoolServices + (int)Math.Min(FreshServices, sent <= 0 ? 0 : (sent - 1) / FreshEvery + 1);

    /// <summary>True for the requests that carry a new service's alerts.</summary>
    public bool IsNew(long n) => IsFresh(n, out _);

    public byte[] DetectorBody(long n) => IsFresh(n, out var service) ? Encoding.UTF8.GetBytes(Webhook(service, 0)) : _detectorPool[n % _detectorPool.Length];

    public byte[] AlertmanagerBody(long n) => IsFresh(n, out var service) ? Encoding.UTF8.GetBytes(PostableAlerts(service, 0)) : _alertmanagerPool[n % _alertmanagerPool.Length];

    /// <summary>The policy the detector runs with: every service the workload may name.</summary>
    public string Policy()
    {
        var yaml = new StringBuilder($"""
            defaults:
              environment: {Environment}
              target: {"{ driver: none }"}
              detection: {"{ quorum: 2, thresholds: { error_rate: 0.05, latency_p99_ms: 3000 } }"}
            services:

            """);
        for (var i = 0; i < PoolServices; i++)
            yaml.Append(CultureInfo.InvariantCulture, $"  - name: pool-{i:000}\n");
        for (var i = 0; i < FreshServices; i++)
            yaml.Append(CultureInfo.InvariantCulture, $"  - name: fresh-{i:00000}\n");
        return yaml.ToString();
    }

    private bool IsFresh(long n, out string service)
    {
        service = "";
        if (n % FreshEvery != 0)
            return false;
        var index = n / FreshEvery;
        if (index >= FreshServices)
            return false;
        service = $"fresh-{index:00000}";
        return true;
    }

    private static IEnumerable<(string Labels, string Annotations, string Fingerprint)> Alerts(string service, int group)
    {
        for (var i = 0; i < AlertsPerRequest; i++)
        {
            var errors = i % 2 == 0;
            var pod = $"{service}-{group}-{i / 2}";
            var labels = errors
                ? $"\"alertname\":\"HighErrorRate\",\"service\":\"{service}\",\"environment\":\"{Environment}\",\"signal\":\"error_rate\",\"pod\":\"{pod}\",\"severity\":\"critical\""
                : $"\"alertname\":\"HighLatency\",\"service\":\"{service}\",\"environment\":\"{Environment}\",\"signal\":\"latency_p99_ms\",\"pod\":\"{pod}\",\"severity\":\"critical\"";
            var annotations = errors ? "\"summary\":\"Error rate above 5%\",\"value\":\"0.12\"" : "\"summary\":\"p99 above 3s\",\"value\":\"4200\"";
            var fingerprint = ((ulong)(uint)HashCode.Combine(service, group, i) << 16 | (ulong)(uint)i).ToString("x16", CultureInfo.InvariantCulture);
            yield return (labels, annotations, fingerprint);
        }
    }

    private string Webhook(string service, int group)
    {
        var alerts = string.Join(",", Alerts(service, group).Select(a =>
            $"{{\"status\":\"firing\",\"labels\":{{{a.Labels}}},\"annotations\":{{{a.Annotations}}},\"startsAt\":\"{_startsAt}\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prometheus.local/graph\",\"fingerprint\":\"{a.Fingerprint}\"}}"));
        return $"{{\"version\":\"4\",\"groupKey\":\"{{}}:{{service=\\\"{service}\\\"}}\",\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"remediation\"," +
               $"\"groupLabels\":{{\"service\":\"{service}\"}},\"commonLabels\":{{\"service\":\"{service}\",\"environment\":\"{Environment}\"}},\"commonAnnotations\":{{}}," +
               $"\"externalURL\":\"http://alertmanager.local\",\"alerts\":[{alerts}]}}";
    }

    private string PostableAlerts(string service, int group) =>
        "[" + string.Join(",", Alerts(service, group).Select(a =>
            $"{{\"labels\":{{{a.Labels}}},\"annotations\":{{{a.Annotations}}},\"startsAt\":\"{_startsAt}\",\"generatorURL\":\"http://prometheus.local/graph\"}}")) + "]";
}
