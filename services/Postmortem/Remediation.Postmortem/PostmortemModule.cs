using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Remediation.Messaging;
using Remediation.Persistence;
using Remediation.Policy;
using Remediation.Postmortem.Api;
using Remediation.Postmortem.Consumers;
using Remediation.Postmortem.Prometheus;
using Remediation.Postmortem.Reports;
using Remediation.Postmortem.Storage;
using Remediation.Security;

namespace Remediation.Postmortem;

/// <summary>The Postmortem module: what it adds to a host's services, bus and HTTP endpoints.</summary>
public static class PostmortemModule
{
    /// <summary>
    /// Incident timelines and reports: the consumers of every lifecycle event (on one queue, <c>postmortem</c>), the
    /// <c>postmortem_*</c> tables, the Prometheus client, and what the API needs. The host adds the bus afterwards.
    /// </summary>
    public static TBuilder AddPostmortem<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<PostmortemOptions>().BindConfiguration(PostmortemOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostmortemOptions>, PostmortemOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddRemediationDbContext<PostmortemDbContext>();
        services.AddRemediationAuth();
        services.AddRemediationPolicy();

        services.AddSingleton<ServicePolicies>();
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<IncidentQueries>();
        services.AddHttpClient<PrometheusClient>();
        services.AddTransient<IncidentMetrics>();
        services.AddTransient<ReportWriter>();
        services.AddTransient<IncidentRecorder>();

        // One queue for every postmortem consumer, named for the module: consumer-named queues would be shared with
        // another module's consumer of the same name (the notifier's IncidentResolvedConsumer) and split its messages.
        var queue = QueueName(builder.Configuration);
        services.AddBusModule("postmortem", bus =>
        {
            bus.AddConsumer<DeploymentRecordedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<AnomalyDetectedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<AnomalyClearedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<IncidentOpenedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<DecisionRecordedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<RollbackRequestedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<RollbackCompletedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<RollbackFailedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<RemediationRequestedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<RemediationCompletedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<RemediationFailedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<ApprovalRequestedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<ApprovalDecidedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<IncidentEscalatedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<IncidentResolvedConsumer>().Endpoint(e => e.Name = queue);
        });

        return builder;
    }

    /// <summary>The read API (role <c>read</c>): incidents, timelines, reports and statistics.</summary>
    public static IEndpointRouteBuilder MapPostmortem(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Roles.Reader);
        api.MapGet("/incidents", IncidentEndpoints.ListAsync);
        api.MapGet("/incidents/{id}", IncidentEndpoints.GetAsync);
        api.MapGet("/incidents/{id}/report", IncidentEndpoints.ReportAsync);
        api.MapGet("/stats", StatsEndpoints.AllAsync);
        api.MapGet("/stats/services/{environment}/{service}", StatsEndpoints.ServiceAsync);
        return endpoints;
    }

    private static string QueueName(IConfiguration configuration)
    {
        var queue = configuration[$"{PostmortemOptions.Section}:Queue"];
        return MessagingServiceCollectionExtensions.ModuleQueue(configuration, string.IsNullOrWhiteSpace(queue) ? new PostmortemOptions().Queue : queue);
    }
}
