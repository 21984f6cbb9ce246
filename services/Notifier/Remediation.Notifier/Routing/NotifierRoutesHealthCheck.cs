using Microsoft.Extensions.Diagnostics.HealthChecks;
using Remediation.Notifier.Channels;
using Remediation.Policy;

namespace Remediation.Notifier.Routing;

/// <summary>
/// Degraded when the policy routes to channels that are not configured (a typo there means people are not told), so
/// that it shows on <c>/health/ready</c> and not only in a log line at the first incident.
/// </summary>
internal sealed class NotifierRoutesHealthCheck(IPolicyProvider policies, ChannelRegistry channels) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = policies.Current.Services
            .SelectMany(s => s.Notify.Routes.Values.SelectMany(names => names).Select(name => (Service: s.Key.ToString(), Name: name)))
            .Where(route => channels.Find(route.Name) is null)
            .GroupBy(route => route.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => $"{g.Key} (routed by {string.Join(", ", g.Select(r => r.Service).Distinct())})")
            .ToList();

        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy($"{channels.All.Count} channels configured")
            : HealthCheckResult.Degraded($"The policy routes to channels that are not configured: {string.Join("; ", missing)}"));
    }
}
