using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Remediation.Notifier.Tests.Receivers;

/// <summary>
/// A real Kestrel server on a loopback port standing in for a SaaS endpoint. Each subclass checks requests the way the
/// service does and answers like it, errors included; a test can also script the next answers (429, 5xx, a hang).
/// Format problems are kept in <see cref="Rejections"/> so a test can assert there were none.
/// </summary>
public abstract class ReceiverServer : IAsyncDisposable
{
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<string> _rejections = [];
    private readonly ConcurrentQueue<Func<RecordedRequest, Task<IResult>>> _script = new();
    private Func<RecordedRequest, Task<IResult>>? _always;
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request received, in order of arrival.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
                return [.. _requests];
        }
    }

    /// <summary>Requests the service would have refused for their format, with why.</summary>
    public IReadOnlyList<string> Rejections
    {
        get
        {
            lock (_rejections)
                return [.. _rejections];
        }
    }

    /// <summary>Requests answered with a 2xx.</summary>
    public IReadOnlyList<RecordedRequest> Accepted => [.. Requests.Where(r => r.AnsweredStatus is >= 200 and < 300)];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    /// <summary>The next requests get these answers instead of the normal ones (in order).</summary>
    public void AnswerNext(params Func<RecordedRequest, IResult>[] answers)
    {
        foreach (var answer in answers)
            _script.Enqueue(r => Task.FromResult(answer(r)));
    }

    /// <summary>Every request gets this answer (a channel that always fails, or hangs).</summary>
    public void AnswerAlways(Func<RecordedRequest, Task<IResult>> answer) => _always = answer;

    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => Requests.Count >= count, timeout, $"{GetType().Name} expected {count} requests, got {Requests.Count}");
        return Requests;
    }

    protected abstract IResult Handle(RecordedRequest request);

    /// <summary>Records a format problem and answers as the service would.</summary>
    protected IResult Reject(string why, IResult answer)
    {
        lock (_rejections)
            _rejections.Add(why);
        return answer;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var request = new RecordedRequest
        {
            Method = http.Request.Method,
            Path = http.Request.Path.Value ?? "",
            Query = http.Request.QueryString.Value ?? "",
            Headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            Body = await reader.ReadToEndAsync(http.RequestAborted),
            ReceivedAt = DateTimeOffset.UtcNow,
        };
        lock (_requests)
            _requests.Add(request);

        IResult result;
        if (_script.TryDequeue(out var scripted))
            result = await scripted(request);
        else if (_always is { } always)
            result = await always(request);
        else
        {
            lock (this)
                result = Handle(request);
        }

        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : 200;
        request.AnsweredStatus = status;
        await result.ExecuteAsync(http);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
