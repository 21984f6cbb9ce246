using Microsoft.Extensions.Options;
using Remediation.Policy;

namespace Remediation.Postmortem;

/// <summary>
/// What the postmortem service reads from the policy, with fallbacks for services the policy does not know: the window
/// in which an anomaly is blamed on a deployment, the target driver, and the PromQL per signal.
/// </summary>
public sealed class ServicePolicies(IOptionsMonitor<PostmortemOptions> options, IPolicyProvider? policies = null)
{
    public ServicePolicy? Find(string environment, string service)
    {
        try
        {
            return policies?.Find(environment, service);
        }
        catch (PolicyValidationException)
        {
            // A policy that fails to load is reported by the policy's own health check; a report does without it.
            return null;
        }
    }

    public TimeSpan DeployAttribution(string environment, string service) =>
        Find(environment, service)?.Rollback.Window ?? options.CurrentValue.Rules.DeployAttribution;

    /// <summary>The PromQL per signal for a service: the configured queries, then (when allowed) the policy's checks.</summary>
    public IReadOnlyDictionary<string, string> MetricQueries(string environment, string service)
    {
        var prometheus = options.CurrentValue.Prometheus;
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (prometheus.UsePolicyChecks && Find(environment, service) is { } policy)
        {
            foreach (var check in policy.Detection.Checks)
                queries.TryAdd(check.Signal, check.Query);
        }

        foreach (var (signal, query) in prometheus.Queries)
            queries[signal] = query.Replace("$environment", environment, StringComparison.Ordinal).Replace("$service", service, StringComparison.Ordinal);

        return queries;
    }
}
