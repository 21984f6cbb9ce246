using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Remediation.Executor.Tests.Support;

/// <summary>
/// A CD system's webhook whose answers the test holds until it releases them (a deployment under way), so that a second
/// delivery of the same request provably arrives while the first is still acting. Counts the calls it received.
/// </summary>
internal sealed class HeldWebhook : IAsyncDisposable
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _app = null!;
    private int _calls;

    public Uri Url { get; private set; } = null!;

    public int Calls => Volatile.Read(ref _calls);

    public static async Task<HeldWebhook> StartAsync()
    {
        var webhook = new HeldWebhook();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        webhook._app = builder.Build();
        webhook._app.Run(async context =>
        {
            Interlocked.Increment(ref webhook._calls);
            await webhook._release.Task.WaitAsync(context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            await context.Response.WriteAsync("""{"status":"accepted"}""");
        });
        await webhook._app.StartAsync();
        var address = webhook._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        webhook.Url = new Uri(new Uri(address), "/api/v1/applications/checkout/rollback");
        return webhook;
    }

    /// <summary>Answers every held call and every later one at once.</summary>
    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
