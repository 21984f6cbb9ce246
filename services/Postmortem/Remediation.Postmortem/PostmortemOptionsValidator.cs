using Microsoft.Extensions.Options;

namespace Remediation.Postmortem;

/// <summary>Checked when the host starts: a bad Prometheus URL or nonsensical windows stop it with the setting named.</summary>
internal sealed class PostmortemOptionsValidator : IValidateOptions<PostmortemOptions>
{
    public ValidateOptionsResult Validate(string? name, PostmortemOptions options)
    {
        var failures = new List<string>();
        var section = PostmortemOptions.Section;
        var prometheus = options.Prometheus;
        if (!string.IsNullOrWhiteSpace(prometheus.Url) &&
            (!Uri.TryCreate(prometheus.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            failures.Add($"{section}:Prometheus:Url must be an absolute http(s) URL, not '{prometheus.Url}'.");
        if (prometheus.Before < TimeSpan.Zero || prometheus.After < TimeSpan.Zero)
            failures.Add($"{section}:Prometheus:Before and After must not be negative.");
        if (prometheus.Points is < 2 or > 10_000)
            failures.Add($"{section}:Prometheus:Points must be between 2 and 10000 (Prometheus refuses more than 11000 points).");
        if (prometheus.MinimumStep <= TimeSpan.Zero)
            failures.Add($"{section}:Prometheus:MinimumStep must be positive.");
        if (prometheus.Timeout <= TimeSpan.Zero)
            failures.Add($"{section}:Prometheus:Timeout must be positive.");
        if (prometheus.MaxQueries < 0)
            failures.Add($"{section}:Prometheus:MaxQueries must not be negative.");
        failures.AddRange(prometheus.Queries.Where(q => string.IsNullOrWhiteSpace(q.Value)).Select(q => $"{section}:Prometheus:Queries:{q.Key} is empty."));

        var rules = options.Rules;
        if (rules.SlowRollout <= TimeSpan.Zero || rules.SlowDetection <= TimeSpan.Zero || rules.DeployAttribution <= TimeSpan.Zero)
            failures.Add($"{section}:Rules: SlowRollout, SlowDetection and DeployAttribution must be positive.");
        if (rules.RecentDeploys < 2)
            failures.Add($"{section}:Rules:RecentDeploys must be at least 2.");
        if (rules.RepeatedRollbacks < 2)
            failures.Add($"{section}:Rules:RepeatedRollbacks must be at least 2.");

        if (options.MaxPageSize < 1)
            failures.Add($"{section}:MaxPageSize must be at least 1.");
        if (string.IsNullOrWhiteSpace(options.Queue))
            failures.Add($"{section}:Queue is required.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
