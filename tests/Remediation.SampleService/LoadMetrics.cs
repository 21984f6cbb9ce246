using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Remediation.SampleService;

/// <summary>What the load generator's users saw, per target: answers by status class, transport errors, skipped requests.</summary>
public sealed class LoadMetrics
{
    private readonly ConcurrentDictionary<(string Target, string Outcome), long> _counts = new();

    public void Record(string target, string outcome) => _counts.AddOrUpdate((target, outcome), 1, (_, n) => n + 1);

    public static string Outcome(int statusCode) => statusCode switch
    {
        >= 500 => "5xx",
        >= 400 => "4xx",
        >= 300 => "3xx",
        >= 200 => "2xx",
        _ => "other",
    };

    public string Render()
    {
        var text = new StringBuilder("# HELP loadgen_requests_total Requests the load generator sent, by target and outcome.\n# TYPE loadgen_requests_total counter\n");
        foreach (var ((target, outcome), n) in _counts.OrderBy(p => p.Key.Target, StringComparer.Ordinal).ThenBy(p => p.Key.Outcome, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"loadgen_requests_total{{target=\"{RequestMetrics.Escape(target)}\",outcome=\"{outcome}\"}} {n}\n");
        }

        return text.ToString();
    }
}
