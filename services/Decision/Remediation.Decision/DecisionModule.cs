using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Remediation.Decision;

/// <summary>The Decision module: what it adds to a host's services, bus and HTTP endpoints.</summary>
public static class DecisionModule
{
    public static TBuilder AddDecision<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        return builder;
    }

    public static IEndpointRouteBuilder MapDecision(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
