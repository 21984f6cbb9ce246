using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Remediation.Notifier;

/// <summary>The Notifier module: what it adds to a host's services, bus and HTTP endpoints.</summary>
public static class NotifierModule
{
    public static TBuilder AddNotifier<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        return builder;
    }

    public static IEndpointRouteBuilder MapNotifier(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
