using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Remediation.Executor;

/// <summary>The Executor module: what it adds to a host's services, bus and HTTP endpoints.</summary>
public static class ExecutorModule
{
    public static TBuilder AddExecutor<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        return builder;
    }

    public static IEndpointRouteBuilder MapExecutor(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
