using System.Globalization;
using System.Text;

namespace Remediation.Benchmarks.Pipeline;

/// <summary>
/// The services a pipeline benchmark uses, one per anomaly, and the policy the three hosts run with: every service rolls
/// back automatically inside a 30 minute window; a deployed version is trusted after a 1 s soak; the target driver is
/// <c>none</c> (the executor consumes the request and answers at once: what is measured ends when it consumes).
/// </summary>
internal static class PipelinePolicy
{
    public const string Environment = "bench";

    public static IReadOnlyList<string> Services(string phase, int count) =>
        [.. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{phase}-{i:00000}"))];

    public static string Yaml(IEnumerable<string> services)
    {
        var yaml = new StringBuilder($"""
            defaults:
              environment: {Environment}
              target: {"{ driver: none }"}
              detection: {"{ quorum: 2, flap_suppression: 1s, thresholds: { error_rate: 0.05, latency_p99_ms: 3000 } }"}
              rollback: {"{ window: 30m, cooldown: 5m, verify_for: 1s, max_depth: 2, approval: auto, executor_timeout: 10m }"}
            services:

            """);
        foreach (var service in services)
            yaml.Append(CultureInfo.InvariantCulture, $"  - name: {service}\n");
        return yaml.ToString();
    }

    /// <summary>One Alertmanager notification with both signals of a service firing: the quorum of 2 in one request.</summary>
    public static byte[] Alerts(string service, DateTimeOffset startsAt)
    {
        var at = startsAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        string Alert(string name, string signal, string value, int n) =>
            $"{{\"status\":\"firing\",\"labels\":{{\"alertname\":\"{name}\",\"service\":\"{service}\",\"environment\":\"{Environment}\",\"signal\":\"{signal}\",\"severity\":\"critical\"}}," +
            $"\"annotations\":{{\"value\":\"{value}\"}},\"startsAt\":\"{at}\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prometheus.local/graph\"," +
            $"\"fingerprint\":\"{(uint)HashCode.Combine(service, n):x8}{n:x8}\"}}";
        return Encoding.UTF8.GetBytes(
            $"{{\"version\":\"4\",\"groupKey\":\"{{}}:{{service=\\\"{service}\\\"}}\",\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"remediation\"," +
            $"\"groupLabels\":{{\"service\":\"{service}\"}},\"commonLabels\":{{\"service\":\"{service}\",\"environment\":\"{Environment}\"}},\"commonAnnotations\":{{}}," +
            $"\"externalURL\":\"http://alertmanager.local\",\"alerts\":[{Alert("HighErrorRate", "error_rate", "0.12", 0)},{Alert("HighLatency", "latency_p99_ms", "4200", 1)}]}}");
    }
}
