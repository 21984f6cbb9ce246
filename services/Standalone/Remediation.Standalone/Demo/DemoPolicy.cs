namespace Remediation.Standalone.Demo;

/// <summary>The demo's policy: one service, its deploy endpoint as the rollback target, timers short enough to watch.</summary>
internal static class DemoPolicy
{
    public const string Environment = "demo";
    public const string Service = "checkout";

    public static string Yaml(Uri shop) => $$$"""
        services:
          - name: {{{Service}}}
            environment: {{{Environment}}}
            target:
              driver: webhook
              url: "{{{new Uri(shop, "/deploy")}}}"
              credential: shop
              template: '{ "service": "{{service}}", "version": "{{to_version}}", "request": "{{request_id}}", "reason": "{{reason}}" }'
            detection:
              quorum: 2
              flap_suppression: 0s
              thresholds: { error_rate: {{{SimulatedMonitoring.ErrorRateThreshold}}}, latency_p99_ms: {{{SimulatedMonitoring.LatencyThresholdMs}}} }
            rollback: { window: 10m, cooldown: 1m, verify_for: 6s, max_depth: 2, approval: auto }
            notify: { minor: [], critical: [] }
        """;
}
