using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Remediation.Benchmarks.Ingestion;

/// <summary>
/// A closed-loop HTTP load generator in the manner of wrk: a fixed number of connections, each sending its next request as
/// soon as the previous answered, for a fixed time after a warm-up. Latency is measured per request; nothing else runs in
/// the loop.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(string target, Uri url, Func<long, byte[]> body, Func<long, bool> isNew, AuthenticationHeaderValue? authorization,
        int connections, TimeSpan warmup, TimeSpan duration, int alertsPerRequest, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        long sequence = -1;
        var measuring = 0;
        var stop = 0;
        var workers = new Worker[connections];
        for (var i = 0; i < connections; i++)
            workers[i] = new Worker();

        async Task Loop(Worker worker)
        {
            while (Volatile.Read(ref stop) == 0 && !cancellationToken.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref sequence);
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body(n)) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = authorization;
                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    using var response = await client.SendAsync(request, cancellationToken);
                    await response.Content.LoadIntoBufferAsync(cancellationToken);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }

                var elapsed = Stopwatch.GetTimestamp() - started;
                if (Volatile.Read(ref measuring) == 1)
                    worker.Record(status, elapsed, isNew(n));
            }
        }

        var tasks = workers.Select(w => Task.Run(() => Loop(w), cancellationToken)).ToArray();
        await Task.Delay(warmup, cancellationToken);
        Volatile.Write(ref measuring, 1);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        Volatile.Write(ref measuring, 0);
        clock.Stop();
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(tasks);

        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        var fresh = workers.SelectMany(w => w.NewLatencies).ToArray();
        return new LoadResult(target, Interlocked.Read(ref sequence) + 1, latencies.Length, clock.Elapsed, alertsPerRequest, latencies,
            workers.Sum(w => w.Ok), workers.Sum(w => w.TooMany), workers.Sum(w => w.ServerErrors), workers.Sum(w => w.Other)) { NewLatencyTicks = fresh };
    }

    private sealed class Worker
    {
        public List<long> Latencies { get; } = new(200_000);

        public int Ok { get; private set; }

        public int TooMany { get; private set; }

        public int ServerErrors { get; private set; }

        public int Other { get; private set; }

        public List<long> NewLatencies { get; } = new(10_000);

        public void Record(int status, long ticks, bool isNew)
        {
            Latencies.Add(ticks);
            if (isNew)
                NewLatencies.Add(ticks);
            switch (status)
            {
                case >= 200 and < 300: Ok++; break;
                case 429: TooMany++; break;
                case >= 500: ServerErrors++; break;
                default: Other++; break;
            }
        }
    }
}
