using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Remediation.Messaging;
using Remediation.ServiceDefaults;

namespace Remediation.Integration.Tests.Support;

/// <summary>
/// One service as its host runs it, in this process: the same calls as <c>services/&lt;S&gt;/Remediation.&lt;S&gt;.Host/Program.cs</c>
/// (<c>AddServiceDefaults()</c>, <c>Add&lt;S&gt;()</c>, <c>AddRemediationMessaging</c>, <c>MapDefaultEndpoints()</c>,
/// <c>Map&lt;S&gt;()</c>) on real Kestrel at a free loopback port, configured only by the pairs given (no appsettings, no
/// environment). Start returns once the bus is connected and its queues exist.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private ServiceHost(string name, WebApplication app, LogSink logs, Uri address)
    {
        Name = name;
        _app = app;
        Logs = logs;
        Address = address;
    }

    /// <summary>The module and, when several run, which one (<c>decision-2</c>).</summary>
    public string Name { get; }

    public Uri Address { get; }

    public LogSink Logs { get; }

    public IServiceProvider Services => _app.Services;

    public bool IsRunning => Volatile.Read(ref _stopped) == 0;

    /// <summary>Builds and starts the host of <paramref name="module"/>, named <paramref name="name"/> in its log lines.</summary>
    /// <param name="module">The service.</param>
    /// <param name="name">The host's name.</param>
    /// <param name="contentRoot">The content root (a directory without appsettings files).</param>
    /// <param name="configuration">Every setting the host gets.</param>
    /// <param name="configure">Services registered before the module's own (a clock instead of the system's, say).</param>
    public static async Task<ServiceHost> StartAsync(ServiceModule module, string name, string contentRoot, IReadOnlyDictionary<string, string?> configuration,
        Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(module);

        // MassTransit keeps its log context in an async-local that a bus sets only when it is empty: one left in this flow by
        // an earlier host would hand the new bus that host's (maybe disposed) logger factory.
        LogContext.Current = null;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = contentRoot });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(configuration);

        builder.AddServiceDefaults();
        var logs = new LogSink(name);
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(90);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        configure?.Invoke(builder.Services);
        module.Add(builder);
        builder.Services.AddRemediationMessaging(builder.Configuration);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        module.Map(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ServiceHost(name, app, logs, new Uri(address));
    }

    /// <summary>An HTTP client on this host, with a bearer token when given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Stops the host as its process would stop: the bus drains what it is consuming, then everything shuts down.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    public override string ToString() => $"{Name} at {Address}";
}
