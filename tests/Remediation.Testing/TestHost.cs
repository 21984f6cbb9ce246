using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Remediation.Testing;

/// <summary>
/// A generic host for integration tests: the given configuration only (no appsettings or environment), warnings and
/// errors logged (MassTransit's only from errors: its retry and reconnect warnings are what these tests provoke; EF Core's
/// failed saves not at all: they reach the caller as exceptions, and conflicts are what concurrency tests provoke), and a
/// bus whose start is awaited, so that every queue and binding exists before the test publishes.
/// </summary>
public static class TestHost
{
    public static async Task<IHost> StartAsync(IConfiguration configuration, Action<HostApplicationBuilder> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("MassTransit", LogLevel.Error)
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical);
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(90);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        configure(builder);

        // MassTransit keeps its log context in an async-local that outlives a disposed host; a bus built later in the
        // same flow would log through the disposed host's logger factory.
        MassTransit.LogContext.Current = null;
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Stops the host (its bus first drains what it is consuming) and disposes it.</summary>
    public static async Task StopAndDisposeAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            await host.StopAsync(cancellationToken);
        }
        finally
        {
            if (host is IAsyncDisposable asyncDisposable)
                await asyncDisposable.DisposeAsync();
            else
                host.Dispose();
        }
    }
}
