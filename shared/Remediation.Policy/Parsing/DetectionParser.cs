using Remediation.Contracts.Signals;
using YamlDotNet.RepresentationModel;

namespace Remediation.Policy.Parsing;

/// <summary>The <c>detection:</c> section: quorum, thresholds and pull checks.</summary>
internal static class DetectionParser
{
    public static DetectionPolicy ParseDetection(YamlSection detection)
    {
        var defaults = new DetectionPolicy();
        var thresholds = new Dictionary<string, ThresholdPolicy>(StringComparer.Ordinal);
        foreach (var (signal, node, path) in detection.Entries("thresholds"))
        {
            if (ParseThreshold(detection, signal, node, path) is { } threshold)
                thresholds[signal] = threshold;
        }

        var checks = new List<HealthCheckPolicy>();
        if (detection.Sequence("checks", out var checksPath) is { } list)
        {
            for (var i = 0; i < list.Children.Count; i++)
            {
                var path = $"{checksPath}[{i}]";
                if (list.Children[i] is not YamlMappingNode mapping)
                {
                    detection.Error(list.Children[i], path, "expected a mapping with signal and query");
                    continue;
                }

                var check = detection.Nested(mapping, path);
                var signal = check.String("signal", required: true);
                var query = check.String("query", required: true);
                ThresholdPolicy? threshold = null;
                if (check.Has("threshold") && signal is not null)
                    threshold = ParseThreshold(check, signal, mapping.Children[new YamlScalarNode("threshold")], check.Child("threshold"));
                var interval = check.Duration("interval", TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100));
                var noData = check.Enum("no_data", NoDataPolicy.Inconclusive);
                var consecutive = check.Int("consecutive_breaches", 1, 1, 100);
                check.RejectUnknownKeys();
                if (signal is not null && query is not null)
                {
                    if (threshold is null && !thresholds.ContainsKey(signal))
                        check.Error(mapping, check.Child("threshold"), $"is required: '{signal}' has no threshold in detection.thresholds");
                    checks.Add(new HealthCheckPolicy
                    {
                        Signal = signal, Query = query, Interval = interval, Threshold = threshold, NoData = noData, ConsecutiveBreaches = consecutive,
                    });
                }
            }
        }

        var result = new DetectionPolicy
        {
            Quorum = detection.Int("quorum", defaults.Quorum, 1, 20),
            Thresholds = thresholds,
            FlapSuppression = detection.Duration("flap_suppression", defaults.FlapSuppression),
            ConsecutiveBreaches = detection.Int("consecutive_breaches", defaults.ConsecutiveBreaches, 1, 100),
            Checks = checks,
        };
        detection.RejectUnknownKeys();
        return result;
    }

    private static ThresholdPolicy? ParseThreshold(YamlSection owner, string signal, YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            return owner.Double(node, path) is { } value ? new ThresholdPolicy(value, ThresholdPolicy.DefaultDirectionFor(signal)) : null;
        }

        if (node is YamlMappingNode mapping && mapping.Children.Count == 1 &&
            mapping.Children.First().Key is YamlScalarNode { Value: "above" or "below" } key)
        {
            var direction = key.Value == "above" ? SignalDirection.Above : SignalDirection.Below;
            return owner.Double(mapping.Children.First().Value, $"{path}.{key.Value}") is { } value ? new ThresholdPolicy(value, direction) : null;
        }

        owner.Error(node, path, "expected a number, or { above: n } or { below: n }");
        return null;
    }
}
