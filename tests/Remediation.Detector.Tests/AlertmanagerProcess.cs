using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Remediation.Detector.Tests;

/// <summary>
/// A real Alertmanager (Debian's <c>prometheus-alertmanager</c>, or <c>REMEDIATION_ALERTMANAGER</c>) on a loopback port,
/// with clustering off and its data in a temporary directory, routing every alert to one webhook receiver. Stopped (the
/// process this started, by its id) on dispose.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly StringBuilder _output = new();

    private AlertmanagerProcess(Process process, TempDirectory directory, Uri address)
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

    public static string Binary =>
        Environment.GetEnvironmentVariable("REMEDIATION_ALERTMANAGER") is { Length: > 0 } configured ? configured : "/usr/bin/prometheus-alertmanager";

    /// <summary>Starts Alertmanager with a webhook receiver at <paramref name="webhook"/> authenticating with a bearer token.</summary>
    public static async Task<AlertmanagerProcess> StartAsync(Uri webhook, string bearerToken, string groupWait = "0s", string groupInterval = "1s")
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"Alertmanager is not installed at {Binary}: apt-get install prometheus-alertmanager (or set REMEDIATION_ALERTMANAGER).");

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

        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.path={Path.Combine(directory.Path, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=info",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Alertmanager did not start.");
        var alertmanager = new AlertmanagerProcess(process, directory, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => alertmanager.Append(e.Data);
        process.ErrorDataReceived += (_, e) => alertmanager.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = alertmanager.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Alertmanager exited with {process.ExitCode}: {alertmanager.Output}");
            try
            {
                if ((await client.GetAsync(new Uri("/-/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                    return alertmanager;
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
                await alertmanager.DisposeAsync();
                throw new TimeoutException($"Alertmanager was not ready within 30s: {alertmanager.Output}");
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
