using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Remediation.SampleService;

/// <summary>
/// The service's own Prometheus metrics, in the text exposition format: requests by status code and a latency
/// histogram (what a p99 alert is computed from), plus <c>sample_info</c> naming the service and version.
/// </summary>
public sealed class RequestMetrics(SampleOptions options)
{
    /// <summary>Upper bounds of the latency buckets, in seconds.</summary>
    public static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<int, long> _byCode = new();
    private readonly long[] _bucketCounts = new long[Buckets.Length];
    private readonly Lock _gate = new();
    private long _count;
    private double _sum;

    public void Record(int statusCode, TimeSpan elapsed)
    {
        _byCode.AddOrUpdate(statusCode, 1, (_, n) => n + 1);
        var seconds = elapsed.TotalSeconds;
        lock (_gate)
        {
            _count++;
            _sum += seconds;
            for (var i = 0; i < Buckets.Length; i++)
            {
                if (seconds <= Buckets[i])
                    _bucketCounts[i]++;
            }
        }
    }

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("# HELP sample_info The service and version this process runs.\n# TYPE sample_info gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"sample_info{{service=\"{Escape(options.Service)}\",version=\"{Escape(options.Version)}\"}} 1\n");
        text.Append("# HELP sample_http_requests_total Requests answered, by status code.\n# TYPE sample_http_requests_total counter\n");
        foreach (var (code, n) in _byCode.OrderBy(p => p.Key))
            text.Append(CultureInfo.InvariantCulture, $"sample_http_requests_total{{code=\"{code}\"}} {n}\n");

        text.Append("# HELP sample_http_request_duration_seconds Time to answer a request.\n# TYPE sample_http_request_duration_seconds histogram\n");
        lock (_gate)
        {
            for (var i = 0; i < Buckets.Length; i++)
                text.Append(CultureInfo.InvariantCulture, $"sample_http_request_duration_seconds_bucket{{le=\"{Buckets[i]}\"}} {_bucketCounts[i]}\n");
            text.Append(CultureInfo.InvariantCulture, $"sample_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {_count}\n");
            text.Append(CultureInfo.InvariantCulture, $"sample_http_request_duration_seconds_sum {_sum}\n");
            text.Append(CultureInfo.InvariantCulture, $"sample_http_request_duration_seconds_count {_count}\n");
        }

        return text.ToString();
    }

    internal static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);
}
