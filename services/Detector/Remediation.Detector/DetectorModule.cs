using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Remediation.Detector;

/// <summary>The Detector module: what it adds to a host's services, bus and HTTP endpoints.</summary>
public static class DetectorModule
{
    public static TBuilder AddDetector<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        return builder;
    }

    public static IEndpointRouteBuilder MapDetector(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
