using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Remediation.ServiceDefaults;

/// <summary>
/// OpenTelemetry providers built by hand (the hosting integration package is not in our registry): traces and metrics
/// from MassTransit's source and meter, ASP.NET Core, HttpClient and every <c>Remediation.*</c> source and meter, exported
/// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Without it nothing is exported and nothing is collected.
/// </summary>
public static class TelemetryExtensions
{
    public static readonly string[] Sources = ["MassTransit", "Microsoft.AspNetCore", "System.Net.Http", "Remediation.*"];

    public static readonly string[] Meters =
        ["MassTransit", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "Remediation.*"];

    public static IServiceCollection AddRemediationTelemetry(this IServiceCollection services, IConfiguration configuration, string applicationName)
    {
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
            return services;

        var serviceName = configuration["OTEL_SERVICE_NAME"] ?? applicationName;
        var protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);

        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            .AddProcessor(new OutgoingUrlRedactor())
            .AddOtlpExporter(o =>
            {
                o.Endpoint = new Uri(endpoint);
                o.Protocol = protocol;
            })
            .Build());
        services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = new Uri(endpoint);
                o.Protocol = protocol;
            })
            .Build());
        services.AddHostedService<TelemetryStarter>();
        return services;
    }

    /// <summary>Creates the providers when the host starts (they listen from then on) and disposes them with the container.</summary>
    private sealed class TelemetryStarter(TracerProvider tracer, MeterProvider meter) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(tracer);
            GC.KeepAlive(meter);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracer.ForceFlush(2000);
            meter.ForceFlush(2000);
            return Task.CompletedTask;
        }
    }
}
