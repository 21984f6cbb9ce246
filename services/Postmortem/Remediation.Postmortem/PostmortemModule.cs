using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Remediation.Postmortem;

/// <summary>The Postmortem module: what it adds to a host's services, bus and HTTP endpoints.</summary>
public static class PostmortemModule
{
    public static TBuilder AddPostmortem<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        return builder;
    }

    public static IEndpointRouteBuilder MapPostmortem(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
