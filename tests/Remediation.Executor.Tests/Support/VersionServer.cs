using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Remediation.Executor.Tests.Support;

/// <summary>A tiny backend on loopback that answers every request with its version: one colour of a blue/green pair.</summary>
internal sealed class VersionServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private VersionServer(WebApplication app, string version, int port)
    {
        _app = app;
        Version = version;
        Port = port;
    }

    public string Version { get; }

    public int Port { get; }

    public static async Task<VersionServer> StartAsync(string version)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync(version));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new VersionServer(app, version, address.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
