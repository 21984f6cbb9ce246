using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Remediation.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// What every host shares: telemetry (traces and metrics of MassTransit, ASP.NET Core, HttpClient and ours, exported
    /// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), health checks, problem details for errors, the request
    /// body cap (<c>Remediation:Http:MaxRequestBodyBytes</c>, 256 KiB by default) and single-line console logs.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });

        builder.Services.AddRemediationTelemetry(builder.Configuration, builder.Environment.ApplicationName);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        builder.Services.AddProblemDetails();

        // Malformed bodies reach the exception handler as BadHttpRequestException, which answers a problem that names them.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();

        var maxBody = builder.Configuration.GetValue<long?>("Remediation:Http:MaxRequestBodyBytes") ?? 256 * 1024;
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k =>
        {
            k.Limits.MaxRequestBodySize = maxBody;
            k.AddServerHeader = false;
        });

        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (broker, database, policy). Probes carry no
    /// credentials, so they answer with the status word only.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status200OK },
        }).AllowAnonymous();
        return app;
    }
}
