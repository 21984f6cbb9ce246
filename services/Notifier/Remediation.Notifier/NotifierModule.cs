using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Remediation.Messaging;
using Remediation.Notifier.Api;
using Remediation.Notifier.Channels;
using Remediation.Notifier.Channels.Jira;
using Remediation.Notifier.Channels.PagerDuty;
using Remediation.Notifier.Channels.ServiceNow;
using Remediation.Notifier.Channels.Slack;
using Remediation.Notifier.Channels.Statuspage;
using Remediation.Notifier.Channels.Teams;
using Remediation.Notifier.Channels.Webhook;
using Remediation.Notifier.Consumers;
using Remediation.Notifier.Delivery;
using Remediation.Notifier.Persistence;
using Remediation.Notifier.Routing;
using Remediation.Persistence;
using Remediation.Policy;
using Remediation.Security;

namespace Remediation.Notifier;

/// <summary>The Notifier module: what it adds to a host's services, bus and HTTP endpoints.</summary>
public static class NotifierModule
{
    /// <summary>The receive endpoint every notifier consumer shares (prefixed by <c>Remediation:Messaging:QueuePrefix</c>).</summary>
    public const string QueueName = "notifier";

    /// <summary>
    /// Channels from <c>Remediation:Notifier</c> (validated at start), the consumers of every lifecycle event on one
    /// queue, the notifier's tables, and the background dispatcher that delivers.
    /// </summary>
    public static TBuilder AddNotifier<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<NotifierOptions>().BindConfiguration(NotifierOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotifierOptions>, NotifierOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddRemediationPolicy();
        services.AddRemediationAuth();
        services.AddRemediationDbContext<NotifierDbContext>();
        services.AddMetrics();

        // Webhook URLs carry secrets in their paths: the client's default logging (which writes request URIs) is removed.
        services.AddHttpClient(DeliveryTransport.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();

        services.AddSingleton<INotificationChannel, SlackChannel>();
        services.AddSingleton<INotificationChannel, TeamsChannel>();
        services.AddSingleton<INotificationChannel, PagerDutyChannel>();
        services.AddSingleton<INotificationChannel, JiraChannel>();
        services.AddSingleton<INotificationChannel, ServiceNowChannel>();
        services.AddSingleton<INotificationChannel, StatuspageChannel>();
        services.AddSingleton<INotificationChannel, WebhookChannel>();
        services.AddSingleton<ChannelRegistry>();
        services.AddSingleton<RoutePlanner>();
        services.AddSingleton<NotificationInbox>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<NotifierMetrics>();
        services.AddSingleton<DeliveryTransport>();
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService<NotificationDispatcher>();
        services.AddHealthChecks().AddCheck<NotifierRoutesHealthCheck>("notifier-routes", tags: ["ready"]);

        var queue = MessagingServiceCollectionExtensions.ModuleQueue(builder.Configuration, QueueName);
        services.AddBusModule("notifier", bus =>
        {
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
            bus.AddConsumer<DeploymentRecordedConsumer>().Endpoint(e => e.Name = queue);
        });
        return builder;
    }

    /// <summary><c>GET /api/notifications</c> (role <c>read</c>).</summary>
    public static IEndpointRouteBuilder MapNotifier(this IEndpointRouteBuilder endpoints) => endpoints.MapNotificationsEndpoint();
}
