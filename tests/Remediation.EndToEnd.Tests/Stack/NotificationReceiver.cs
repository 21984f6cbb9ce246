using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Remediation.Testing;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>
/// Where the notifier's <c>webhook</c> channel delivers in the end-to-end stack: a loopback HTTP server that keeps every
/// delivery's <c>X-Remediation-Event</c> header and JSON body (a chat tool or paging service cannot run here).
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Event, JsonElement Body)> _received = new();

    private NotificationReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public IReadOnlyList<(string Event, JsonElement Body)> Received => [.. _received];

    public static async Task<NotificationReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new NotificationReceiver(app, new Uri($"http://127.0.0.1:{port}/hooks/remediation"));
        app.MapPost("/hooks/remediation", async (HttpRequest request) =>
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            receiver._received.Enqueue((request.Headers["X-Remediation-Event"].ToString(), document.RootElement.Clone()));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
