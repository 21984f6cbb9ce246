using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Remediation.Benchmarks.Pipeline;

/// <summary>
/// Sends each service's alerts to the detector as Alertmanager does (the webhook with both signals firing), at a steady
/// rate, and remembers when each service's alert was first sent. A 429 or 503 is retried after its Retry-After, as
/// Alertmanager retries; the time still counts from the first attempt.
/// </summary>
internal sealed class AlertSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _url;

    public AlertSender(Uri detector)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false, UseCookies = false };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PipelineHosts.IngestToken);
        _url = new Uri(detector, "/api/v1/alerts/alertmanager");
    }

    public int Retried { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Sends the services' alerts at <paramref name="rate"/> a second; returns when each was first sent.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> SendAsync(IReadOnlyList<string> services, double rate, CancellationToken cancellationToken)
    {
        var sent = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var requests = new List<Task>(services.Count);
        var retried = 0;
        var failed = 0;
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(-30);
        await OpenLoop.RunAsync(rate, services.Count, i => requests.Add(SendOneAsync(services[i])), cancellationToken);
        await Task.WhenAll(requests);
        Retried += retried;
        Failed += failed;
        return sent;

        async Task SendOneAsync(string service)
        {
            var body = PipelinePolicy.Alerts(service, startsAt);
            sent[service] = DateTimeOffset.UtcNow;
            for (var attempt = 1; attempt <= 20; attempt++)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _client.PostAsync(_url, content, cancellationToken);
                if (response.IsSuccessStatusCode)
                    return;
                if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
                    break;
                Interlocked.Increment(ref retried);
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
            }

            Interlocked.Increment(ref failed);
        }
    }

    public void Dispose() => _client.Dispose();
}
