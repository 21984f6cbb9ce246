using System.Diagnostics;

namespace Remediation.SampleService;

/// <summary>
/// Steady traffic, as users send it: an open loop that starts <c>RatePerSecond</c> requests a second to each target
/// whatever the answers take (slow answers pile up in flight, as they do in production), catching up after a stall
/// of this process rather than silently sending less.
/// </summary>
public sealed class LoadGenerator(SampleOptions options, LoadMetrics metrics, ILogger<LoadGenerator> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var load = options.Load;
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), ConnectTimeout = TimeSpan.FromSeconds(5) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMilliseconds(load.TimeoutMs) };
        logger.LogInformation("Sending {Rate} requests/s to each of {Targets}", load.RatePerSecond, string.Join(", ", load.Targets));
        await Task.WhenAll(load.Targets.Select(t => RunAsync(client, t, load, stoppingToken)));
    }

    private async Task RunAsync(HttpClient client, string target, LoadOptions load, CancellationToken stoppingToken)
    {
        var uri = new Uri(target);
        var inFlight = 0;
        long started = 0;
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // At most a second's worth at once: after a long stall the generator resumes its rate, it does not flood.
                var due = (long)(clock.Elapsed.TotalSeconds * load.RatePerSecond);
                started = Math.Max(started, due - (long)Math.Ceiling(load.RatePerSecond));
                for (; started < due; started++)
                {
                    if (Volatile.Read(ref inFlight) >= load.MaxInFlight)
                    {
                        metrics.Record(target, "skipped");
                        continue;
                    }

                    Interlocked.Increment(ref inFlight);
                    _ = SendAsync(client, uri, target, stoppingToken).ContinueWith(_ => Interlocked.Decrement(ref inFlight), TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SendAsync(HttpClient client, Uri uri, string target, CancellationToken stoppingToken)
    {
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseContentRead, stoppingToken);
            metrics.Record(target, LoadMetrics.Outcome((int)response.StatusCode));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            metrics.Record(target, "error");
        }
    }
}
