using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Remediation.Detector.Checks;
using Remediation.Detector.Http;
using Remediation.Detector.Ingestion;
using Remediation.Detector.Options;
using Remediation.Detector.State;
using Remediation.Persistence;
using Remediation.Policy;
using Remediation.Security;

namespace Remediation.Detector;

/// <summary>The Detector module: what it adds to a host's services, bus and HTTP endpoints.</summary>
public static class DetectorModule
{
    /// <summary>
    /// Options (<c>Remediation:Detector</c>), policy, auth, the detector's tables (<c>detector_*</c>), the evaluator pipeline,
    /// the sweep (flap suppression, outbox) and the pull health checks against Prometheus.
    /// </summary>
    public static TBuilder AddDetector<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<DetectorOptions>().BindConfiguration(DetectorOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DetectorOptions>, DetectorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddRemediationPolicy();
        services.AddRemediationAuth();
        services.AddRemediationDbContext<DetectorDbContext>();

        services.AddSingleton<DetectorMetrics>();
        services.AddSingleton<SignalMapper>();
        services.AddSingleton<ServiceStateStore>();
        services.AddSingleton<OutboxPublisher>();
        services.AddSingleton<HandoffGate>();
        services.AddSingleton<SignalPipeline>();
        services.AddSingleton<IngestHandler>();
        services.AddHostedService<DetectorSweeper>();

        services.AddHttpClient(PrometheusClient.HttpClientName);
        services.AddSingleton<PrometheusClient>();
        services.AddHostedService<HealthCheckRunner>();
        return builder;
    }

    /// <summary>
    /// <c>POST /api/v1/alerts/{alertmanager,grafana,datadog}</c>, <c>POST /api/v1/signals</c> and
    /// <c>POST /api/v1/deployments</c>, each for callers with the <c>ingest</c> role.
    /// </summary>
    public static IEndpointRouteBuilder MapDetector(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization(Roles.Ingest).WithTags("Detector");
        api.MapPost("/alerts/alertmanager", (HttpContext c, IngestHandler h) => h.SignalsAsync(c, IngestHandler.Alertmanager));
        api.MapPost("/alerts/grafana", (HttpContext c, IngestHandler h) => h.SignalsAsync(c, IngestHandler.Grafana));
        api.MapPost("/alerts/datadog", (HttpContext c, IngestHandler h) => h.SignalsAsync(c, IngestHandler.Datadog));
        api.MapPost("/signals", (HttpContext c, IngestHandler h) => h.SignalsAsync(c, IngestHandler.Push));
        api.MapPost("/deployments", (HttpContext c, IngestHandler h) => h.DeploymentAsync(c));
        return endpoints;
    }
}
