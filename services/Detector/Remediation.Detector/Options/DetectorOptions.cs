namespace Remediation.Detector.Options;

/// <summary>How the detector reads its sources and guards itself. Bound from <c>Remediation:Detector</c>.</summary>
public sealed class DetectorOptions
{
    public const string Section = "Remediation:Detector";

    /// <summary>Per-source settings: <c>Sources:Alertmanager</c>, <c>Sources:Grafana</c>, <c>Sources:Datadog</c>.</summary>
    public SourcesOptions Sources { get; set; } = new();

    /// <summary>Which labels (or tags) name the service, the environment and the signal.</summary>
    public MappingOptions Mapping { get; set; } = new();

    /// <summary>Where the pull health checks ask Prometheus.</summary>
    public PrometheusOptions Prometheus { get; set; } = new();

    /// <summary>Request body cap in bytes (the host's cap applies too; the smaller wins).</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Alerts or signals in one request, at most.</summary>
    public int MaxAlertsPerRequest { get; set; } = 1000;

    /// <summary>Labels (or annotations) on one alert, at most.</summary>
    public int MaxLabels { get; set; } = 64;

    /// <summary>Length of a label name, at most.</summary>
    public int MaxLabelNameLength { get; set; } = 128;

    /// <summary>Length of a label value, at most.</summary>
    public int MaxLabelValueLength { get; set; } = 1024;

    /// <summary>Hand-offs (requests that carry something new, so write and publish) running at once.</summary>
    public int MaxConcurrentHandoffs { get; set; } = 32;

    /// <summary>Hand-offs waiting for a slot; beyond this a request gets 429 with Retry-After.</summary>
    public int MaxQueuedHandoffs { get; set; } = 512;

    /// <summary>What Retry-After says on a 429 or a 503.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a publish may wait for the broker's confirm before the request answers 503.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often recovering signals are re-evaluated (flap suppression) and the outbox is retried.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An outbox entry older than this that is still there is published again by the background sweep.</summary>
    public TimeSpan OutboxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}
