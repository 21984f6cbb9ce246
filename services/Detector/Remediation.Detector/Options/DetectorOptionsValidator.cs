using Microsoft.Extensions.Options;

namespace Remediation.Detector.Options;

/// <summary>Checked at start: limits that make no sense, a Prometheus URL that is not absolute, a short HMAC secret.</summary>
internal sealed class DetectorOptionsValidator : IValidateOptions<DetectorOptions>
{
    public ValidateOptionsResult Validate(string? name, DetectorOptions options)
    {
        const string at = DetectorOptions.Section;
        var failures = new List<string>();
        void Positive(int value, string key)
        {
            if (value < 1)
                failures.Add($"{at}:{key} must be at least 1.");
        }

        Positive(options.MaxBodyBytes, nameof(options.MaxBodyBytes));
        Positive(options.MaxAlertsPerRequest, nameof(options.MaxAlertsPerRequest));
        Positive(options.MaxLabels, nameof(options.MaxLabels));
        Positive(options.MaxLabelNameLength, nameof(options.MaxLabelNameLength));
        Positive(options.MaxLabelValueLength, nameof(options.MaxLabelValueLength));
        Positive(options.MaxConcurrentHandoffs, nameof(options.MaxConcurrentHandoffs));
        if (options.MaxQueuedHandoffs < 0)
            failures.Add($"{at}:MaxQueuedHandoffs must not be negative.");
        if (options.PublishTimeout <= TimeSpan.Zero)
            failures.Add($"{at}:PublishTimeout must be positive.");
        if (options.SweepInterval <= TimeSpan.Zero)
            failures.Add($"{at}:SweepInterval must be positive.");
        if (options.RetryAfter < TimeSpan.FromSeconds(1))
            failures.Add($"{at}:RetryAfter must be at least 1s.");
        if (options.Mapping.ServiceLabels.Count == 0)
            failures.Add($"{at}:Mapping:ServiceLabels needs at least one label name.");
        if (string.IsNullOrWhiteSpace(options.Mapping.SignalLabel))
            failures.Add($"{at}:Mapping:SignalLabel is required.");

        if (options.Prometheus.Url is { Length: > 0 } url &&
            !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            failures.Add($"{at}:Prometheus:Url '{url}' is not an absolute http(s) URL.");
        if (options.Prometheus.Timeout <= TimeSpan.Zero || options.Prometheus.Tick <= TimeSpan.Zero)
            failures.Add($"{at}:Prometheus:Timeout and Tick must be positive.");

        var grafana = options.Sources.Grafana;
        if (grafana.HmacSecret is { } secret && secret.Length > 0 && secret.Length < 16)
            failures.Add($"{at}:Sources:Grafana:HmacSecret must be at least 16 characters.");
        if (string.IsNullOrWhiteSpace(grafana.SignatureHeader))
            failures.Add($"{at}:Sources:Grafana:SignatureHeader is required.");
        if (grafana.ReplayWindow <= TimeSpan.Zero)
            failures.Add($"{at}:Sources:Grafana:ReplayWindow must be positive.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
