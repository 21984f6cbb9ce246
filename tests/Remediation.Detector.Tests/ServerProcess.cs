using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Remediation.Detector.Tests;

/// <summary>
/// A real monitoring server from Debian (<c>prometheus-alertmanager</c>, <c>prometheus</c>; or the binary named by
/// <c>REMEDIATION_ALERTMANAGER</c> / <c>REMEDIATION_PROMETHEUS</c>) on a loopback port with its data in a temporary
/// directory. Stopped (the process this started, by its id) on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, TempDirectory directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    private static string Binary(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured ? configured : fallback;

    /// <summary>Alertmanager with clustering off, routing every alert to one webhook receiver that authenticates with a bearer token.</summary>
    public static async Task<ServerProcess> StartAlertmanagerAsync(Uri webhook, string bearerToken, string groupWait = "0s", string groupInterval = "1s")
    {
        var directory = new TempDirectory();
        var port = FreePort();
        var config = Path.Combine(directory.Path, "alertmanager.yml");
        await File.WriteAllTextAsync(config, $"""
            route:
              receiver: remediation
              group_by: [environment, service]
              group_wait: {groupWait}
              group_interval: {groupInterval}
              repeat_interval: 1h
            receivers:
              - name: remediation
                webhook_configs:
                  - url: {webhook}
                    send_resolved: true
                    max_alerts: 0
                    http_config:
                      authorization:
                        type: Bearer
                        credentials: {bearerToken}
            """);
        return await StartAsync(Binary("REMEDIATION_ALERTMANAGER", "/usr/bin/prometheus-alertmanager"), "prometheus-alertmanager", directory, port,
        [
            $"--config.file={config}", $"--storage.path={Path.Combine(directory.Path, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=info",
        ]);
    }

    /// <summary>Prometheus scraping one target every second.</summary>
    public static async Task<ServerProcess> StartPrometheusAsync(Uri target)
    {
        var directory = new TempDirectory();
        var port = FreePort();
        var config = Path.Combine(directory.Path, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: app
                static_configs:
                  - targets: ["{target.Authority}"]
            """);
        return await StartAsync(Binary("REMEDIATION_PROMETHEUS", "/usr/bin/prometheus"), "prometheus", directory, port,
        [
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory.Path, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
        ]);
    }

    private static async Task<ServerProcess> StartAsync(string binary, string package, TempDirectory directory, int port, string[] arguments)
    {
        if (!File.Exists(binary))
            throw new InvalidOperationException($"{binary} is not installed: apt-get install {package}.");

        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start.");
        var server = new ServerProcess(process, directory, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{binary} exited with {process.ExitCode}: {server.Output}");
            try
            {
                if ((await client.GetAsync(new Uri("/-/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                    return server;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"{binary} was not ready within 30s: {server.Output}");
            }

            await Task.Delay(50);
        }
    }
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _directory.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
