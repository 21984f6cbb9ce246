using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Remediation.Executor.Api;
using Remediation.Executor.Consumers;
using Remediation.Executor.Drivers;
using Remediation.Executor.Drivers.Haproxy;
using Remediation.Executor.Drivers.Kubernetes;
using Remediation.Executor.Drivers.Webhook;
using Remediation.Executor.Kubernetes;
using Remediation.Executor.Requests;
using Remediation.Messaging;
using Remediation.Persistence;
using Remediation.Policy;
using Remediation.Security;

namespace Remediation.Executor;

/// <summary>The Executor module: what it adds to a host's services, bus and HTTP endpoints.</summary>
public static class ExecutorModule
{
    /// <summary>
    /// Registers the executor: options (validated at start), the request ledger (<c>executor_requests</c>), the drivers
    /// (kubernetes, haproxy, webhook) with their clients, and the RollbackRequested / RemediationRequested consumers in the
    /// <c>executor</c> bus module.
    /// </summary>
    public static TBuilder AddExecutor<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ExecutorOptions>().BindConfiguration(ExecutorOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExecutorOptions>, ExecutorOptionsValidator>(_ => new ExecutorOptionsValidator()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddRemediationPolicy();
        services.AddRemediationDbContext<ExecutorDbContext>();
        services.AddRemediationAuth();

        services.AddHttpClient(WebhookDriver.HttpClientName).RemoveAllLoggers();
        services.TryAddSingleton<IKubernetesClientFactory, KubernetesClientFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExecutorDriver, KubernetesDriver>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExecutorDriver, HaproxyDriver>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExecutorDriver, WebhookDriver>());
        services.TryAddSingleton<RequestLedger>();
        services.TryAddSingleton<RequestExecutor>();

        var queue = MessagingServiceCollectionExtensions.ModuleQueue(builder.Configuration, "executor");
        services.AddBusModule("executor", bus =>
        {
            bus.AddConsumer<RollbackRequestedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<RemediationRequestedConsumer>().Endpoint(e => e.Name = queue);
        });
        return builder;
    }

    /// <summary><c>GET /api/executor/requests/{id}</c> (role <c>read</c>): a request's state and outcome, read-only.</summary>
    public static IEndpointRouteBuilder MapExecutor(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/executor").RequireAuthorization(Roles.Reader);
        api.MapGet("/requests/{id}", async (string id, RequestLedger ledger, CancellationToken cancellationToken) =>
        {
            if (!Guid.TryParse(id, out var requestId))
                return Problems.BadRequest("invalid-request-id", $"'{id}' is not a request id (a GUID).");
            return await ledger.FindAsync(requestId, cancellationToken) is { } row
                ? Results.Ok(RequestView.From(row))
                : Problems.Result(StatusCodes.Status404NotFound, "request-not-found", $"The executor has received no request {requestId}.");
        });
        return endpoints;
    }
}
