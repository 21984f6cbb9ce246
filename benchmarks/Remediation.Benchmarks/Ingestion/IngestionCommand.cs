using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using MassTransit;
using Remediation.Contracts.Anomalies;

namespace Remediation.Benchmarks.Ingestion;

/// <summary>
/// <c>ingestion</c>: the same alerts, the same load generator and the same concurrency against a real Alertmanager's own
/// ingestion (<c>POST /api/v2/alerts</c>) and against the detector host on RabbitMQ and PostgreSQL
/// (<c>POST /api/v1/alerts/alertmanager</c>, 2xx only after the durable hand-off of what is new), in one run; prints
/// requests/s, alerts/s, p50/p99 latency, status counts, the ratio, and how many anomalies reached the broker.
/// </summary>
internal static class IngestionCommand
{
    private const string Token = "benchmark-ingest-token-0123456789";

    public static Command Create()
    {
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string without Database (env REMEDIATION_BENCH_POSTGRES)." };
        var rabbitHost = new Option<string>("--rabbitmq-host") { Description = "RabbitMQ host.", DefaultValueFactory = _ => Env("REMEDIATION_BENCH_RABBITMQ_HOST", "127.0.0.1") };
        var rabbitPort = new Option<ushort>("--rabbitmq-port") { Description = "RabbitMQ port.", DefaultValueFactory = _ => ushort.Parse(Env("REMEDIATION_BENCH_RABBITMQ_PORT", "5672"), CultureInfo.InvariantCulture) };
        var detector = new Option<string?>("--detector") { Description = "Path of Remediation.Detector.Host.dll (default: its Release build in this repository)." };
        var alertmanager = new Option<string>("--alertmanager") { Description = "Alertmanager binary.", DefaultValueFactory = _ => Env("REMEDIATION_ALERTMANAGER", "/usr/bin/prometheus-alertmanager") };
        var connections = new Option<int>("--connections") { Description = "Concurrent connections (closed loop).", DefaultValueFactory = _ => 8 };
        var duration = new Option<int>("--duration") { Description = "Seconds measured per target.", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of warm-up per target (not measured).", DefaultValueFactory = _ => 3 };
        var freshEvery = new Option<int>("--fresh-every") { Description = "Every n-th request is a new service's alerts (the rest are duplicates).", DefaultValueFactory = _ => 100 };

        var command = new Command("ingestion", "Alert ingestion: the detector host (RabbitMQ + PostgreSQL) side by side with Alertmanager's own ingestion.")
        {
            postgres, rabbitHost, rabbitPort, detector, alertmanager, connections, duration, warmup, freshEvery,
        };
        command.SetAction((result, cancellationToken) => RunAsync(new Settings(
            result.GetValue(postgres) ?? Environment.GetEnvironmentVariable("REMEDIATION_BENCH_POSTGRES")
                ?? throw new InvalidOperationException("--postgres (or REMEDIATION_BENCH_POSTGRES) is required."),
            result.GetValue(rabbitHost)!, result.GetValue(rabbitPort), result.GetValue(detector) ?? DefaultDetectorPath(),
            result.GetValue(alertmanager)!, result.GetValue(connections), TimeSpan.FromSeconds(result.GetValue(duration)),
            TimeSpan.FromSeconds(result.GetValue(warmup)), result.GetValue(freshEvery)), cancellationToken));
        return command;
    }

    private sealed record Settings(string Postgres, string RabbitHost, ushort RabbitPort, string Detector, string Alertmanager, int Connections,
        TimeSpan Duration, TimeSpan Warmup, int FreshEvery);

    private static async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), "remediation-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            // Enough new services for the fastest rate we expect, so every fresh request really is new.
            var workload = new AlertWorkload(settings.FreshEvery, freshServices: (int)((settings.Warmup + settings.Duration).TotalSeconds * 20_000 / settings.FreshEvery) + 1);
            var policy = Path.Combine(work, "policy.yaml");
            await File.WriteAllTextAsync(policy, workload.Policy(), cancellationToken);
            Console.WriteLine($"machine: {Machine.Describe()}");
            Console.WriteLine($"load: {settings.Connections} connections, closed loop, {settings.Warmup.TotalSeconds:0}s warm-up + {settings.Duration.TotalSeconds:0}s measured per target; " +
                              $"{AlertWorkload.AlertsPerRequest} alerts per request; 1 request in {settings.FreshEvery} carries a new service's alerts, the rest are duplicates");

            await using var am = await StartAlertmanagerAsync(settings, work, cancellationToken);
            await using var host = await StartDetectorAsync(settings, policy, cancellationToken);

            var anomalies = 0;
            var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
            {
                cfg.Host(settings.RabbitHost, settings.RabbitPort, "/", h =>
                {
                    h.Username("guest");
                    h.Password("guest");
                });
                cfg.ReceiveEndpoint($"benchmark-ingestion-{Guid.NewGuid():N}", e =>
                {
                    e.AutoDelete = true;
                    e.Durable = false;
                    e.Handler<AnomalyDetected>(_ =>
                    {
                        Interlocked.Increment(ref anomalies);
                        return Task.CompletedTask;
                    });
                });
            });
            await bus.StartAsync(cancellationToken);
            try
            {
                var amResult = await LoadGenerator.RunAsync("Alertmanager 0.25  POST /api/v2/alerts", new Uri(am.Url, "/api/v2/alerts"),
                    workload.AlertmanagerBody, workload.IsNew, null, settings.Connections, settings.Warmup, settings.Duration, AlertWorkload.AlertsPerRequest, cancellationToken);
                var detectorResult = await LoadGenerator.RunAsync("detector  POST /api/v1/alerts/alertmanager", new Uri(host.Url, "/api/v1/alerts/alertmanager"),
                    workload.DetectorBody, workload.IsNew, new AuthenticationHeaderValue("Bearer", Token), settings.Connections, settings.Warmup, settings.Duration,
                    AlertWorkload.AlertsPerRequest, cancellationToken);

                var expected = workload.DistinctServices(detectorResult.Sent);
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
                while (Volatile.Read(ref anomalies) < expected && DateTime.UtcNow < deadline)
                    await Task.Delay(100, cancellationToken);

                Print(amResult, detectorResult);
                Console.WriteLine($"anomalies: {Volatile.Read(ref anomalies)} AnomalyDetected consumed from RabbitMQ for {expected} distinct anomalies " +
                                  $"({detectorResult.Sent} requests sent to the detector)");
                var ok = detectorResult.ServerErrors == 0 && Volatile.Read(ref anomalies) == expected;
                return ok ? 0 : 1;
            }
            finally
            {
                await bus.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Print(params LoadResult[] results)
    {
        Console.WriteLine();
        Console.WriteLine("| target | requests/s | alerts/s | p50 ms | p99 ms | 2xx | 429 | 5xx | other |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Target} | {r.RequestsPerSecond:0} | {r.AlertsPerSecond:0} | {r.Percentile(50):0.00} | {r.Percentile(99):0.00} | {r.Ok} | {r.TooMany} | {r.ServerErrors} | {r.OtherErrors} |"));
        }

        Console.WriteLine();
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Target}: {r.NewLatencyTicks.Length} requests with new alerts, p50 {LoadResult.Percentile(r.NewLatencyTicks, 50):0.00} ms, p99 {LoadResult.Percentile(r.NewLatencyTicks, 99):0.00} ms"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio detector / Alertmanager: {results[1].RequestsPerSecond / results[0].RequestsPerSecond:0.00}x requests/s; p99 {results[1].Percentile(99):0.00} ms vs {results[0].Percentile(99):0.00} ms"));
    }

    private static async Task<Started> StartAlertmanagerAsync(Settings settings, string work, CancellationToken cancellationToken)
    {
        var port = ChildProcess.FreePort();
        var config = Path.Combine(work, "alertmanager.yml");
        // A receiver with no integrations: the phase measures ingestion only, as the detector's does.
        await File.WriteAllTextAsync(config, "route:\n  receiver: blackhole\n  group_by: [service]\nreceivers:\n  - name: blackhole\n", cancellationToken);
        var process = ChildProcess.Start(settings.Alertmanager,
            [$"--config.file={config}", $"--storage.path={Path.Combine(work, "alertmanager")}", $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=warn"]);
        var url = new Uri($"http://127.0.0.1:{port}");
        await process.WaitReadyAsync(new Uri(url, "/-/ready"), TimeSpan.FromSeconds(30), cancellationToken);
        return new Started(process, url);
    }

    private static async Task<Started> StartDetectorAsync(Settings settings, string policy, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Detector))
            throw new InvalidOperationException($"{settings.Detector} does not exist: dotnet build -c Release services/Detector/Remediation.Detector.Host");

        var port = ChildProcess.FreePort();
        var database = $"remediation_bench_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..6]}";
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Remediation__Messaging__Transport"] = "RabbitMq",
            ["Remediation__Messaging__RabbitMq__Host"] = settings.RabbitHost,
            ["Remediation__Messaging__RabbitMq__Port"] = settings.RabbitPort.ToString(CultureInfo.InvariantCulture),
            ["Remediation__Messaging__RabbitMq__Username"] = "guest",
            ["Remediation__Messaging__RabbitMq__Password"] = "guest",
            ["Remediation__Persistence__Provider"] = "PostgreSql",
            ["Remediation__Persistence__ConnectionString"] = $"{settings.Postgres.TrimEnd(';')};Database={database}",
            ["Remediation__Policy__Path"] = policy,
            ["Remediation__Auth__Tokens__0__Name"] = "benchmark",
            ["Remediation__Auth__Tokens__0__Token"] = Token,
            ["Remediation__Auth__Tokens__0__Roles__0"] = "ingest",
        };
        var process = ChildProcess.Start("dotnet", [settings.Detector], Path.GetDirectoryName(settings.Detector), environment);
        var url = new Uri($"http://127.0.0.1:{port}");
        await process.WaitReadyAsync(new Uri(url, "/health/ready"), TimeSpan.FromSeconds(60), cancellationToken);
        return new Started(process, url);
    }

    private static string DefaultDetectorPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Remediation.sln")))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? ".", "services", "Detector", "Remediation.Detector.Host", "bin", "Release", "net10.0", "Remediation.Detector.Host.dll");
    }

    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    private sealed class Started(ChildProcess process, Uri url) : IAsyncDisposable
    {
        public Uri Url { get; } = url;

        public ValueTask DisposeAsync() => process.DisposeAsync();
    }
}
