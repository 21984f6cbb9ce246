using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Remediation.Policy;

public static class PolicyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the file-backed policy (path from <c>Remediation:Policy:Path</c>), loaded when the host starts so that an
    /// invalid file stops it with every problem listed. A provider registered before (a test's static policy) wins.
    /// Idempotent, so every module may call it (the standalone host composes several).
    /// </summary>
    public static IServiceCollection AddRemediationPolicy(this IServiceCollection services)
    {
        if (services.Any(d => d.ImplementationType == typeof(PolicyStartupCheck)))
            return services;

        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IPolicyProvider, FilePolicyProvider>();
        services.AddHostedService<PolicyStartupCheck>();
        services.AddHealthChecks().AddCheck<PolicyHealthCheck>("policy", tags: ["ready"]);
        return services;
    }

    private sealed class PolicyStartupCheck(IPolicyProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = provider.Current;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class PolicyHealthCheck(IPolicyProvider provider) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(provider.LastError is { } error
                ? HealthCheckResult.Degraded($"The latest policy change was rejected: {error}")
                : HealthCheckResult.Healthy($"{provider.Current.Services.Count} services from {provider.Current.Source}"));
    }
}
