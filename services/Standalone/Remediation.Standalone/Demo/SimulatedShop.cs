using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Remediation.Standalone.Demo;

/// <summary>
/// The demo's "checkout" service: a real HTTP server on loopback that serves requests the way its running version does,
/// and a deploy endpoint a CD system would offer (the executor's webhook driver calls it to roll back).
/// </summary>
internal sealed class SimulatedShop : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile ShopVersion _version = ShopVersion.All["v1"];

    private SimulatedShop(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public string Version => _version.Name;

    /// <summary>Every switch of version, with who asked (the pipeline or the executor).</summary>
    public List<(DateTimeOffset At, string Version, string By)> Deployments { get; } = [];

    public static async Task<SimulatedShop> StartAsync(string deployToken, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var shop = new SimulatedShop(app);

        app.MapGet("/checkout", async (CancellationToken ct) =>
        {
            var version = shop._version;
            await Task.Delay(Random.Shared.Next(version.MinLatencyMs, version.MaxLatencyMs + 1), ct);
            return Random.Shared.NextDouble() < version.ErrorRatio
                ? Results.Problem($"{version.Name} failed the payment call", statusCode: 502)
                : Results.Ok(new { version = version.Name, order = Guid.NewGuid() });
        });

        app.MapPost("/deploy", async (HttpRequest request) =>
        {
            if (request.Headers.Authorization != $"Bearer {deployToken}")
                return Results.Unauthorized();
            using var body = await JsonDocument.ParseAsync(request.Body);
            var target = body.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
            if (target is null || !ShopVersion.All.ContainsKey(target))
                return Results.BadRequest(new { error = $"unknown version '{target}'" });
            shop.Switch(target, "executor");
            return Results.Ok(new { deployed = target });
        });

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        shop.BaseAddress = new Uri(address.Replace("[::]", IPAddress.Loopback.ToString(), StringComparison.Ordinal));
        return shop;
    }

    public void Switch(string version, string by)
    {
        _version = ShopVersion.All[version];
        lock (Deployments)
            Deployments.Add((DateTimeOffset.UtcNow, version, by));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
