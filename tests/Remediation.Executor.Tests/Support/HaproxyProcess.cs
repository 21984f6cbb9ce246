using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Remediation.Executor.Drivers.Haproxy;

namespace Remediation.Executor.Tests.Support;

/// <summary>
/// A real <c>/usr/sbin/haproxy</c> in the foreground (<c>-db</c>) with a given configuration, its frontend and Runtime API on
/// loopback (or the Runtime API on a unix socket). Ready once the Runtime API answers; killed on dispose.
/// </summary>
internal sealed class HaproxyProcess : IAsyncDisposable
{
    public const string Path = "/usr/sbin/haproxy";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HaproxyProcess(Process process, string runtime, int frontendPort)
    {
        _process = process;
        Runtime = runtime;
        Frontend = new Uri($"http://127.0.0.1:{frontendPort}/");
    }

    /// <summary>The Runtime API address as a policy's <c>runtime</c> setting writes it.</summary>
    public string Runtime { get; }

    public Uri Frontend { get; }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts HAProxy; <paramref name="backend"/> holds the server lines of <c>backend app</c>.</summary>
    public static async Task<HaproxyProcess> StartAsync(TempDirectory temp, string backend, bool unixSocket = false)
    {
        var frontendPort = FreePort.Next();
        var runtime = unixSocket ? temp.File("haproxy.sock") : $"tcp://127.0.0.1:{FreePort.Next()}";
        var socket = unixSocket ? $"{runtime} mode 600 level admin" : $"ipv4@{runtime["tcp://".Length..]} level admin";
        var config = temp.Write("haproxy.cfg", $"""
            global
                stats socket {socket}
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend web
                bind 127.0.0.1:{frontendPort}
                default_backend app
            backend app
                balance roundrobin
            {backend}

            """);

        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-db", "-f", config })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("haproxy did not start.");
        var haproxy = new HaproxyProcess(process, runtime, frontendPort);
        process.OutputDataReceived += (_, e) => haproxy.Append(e.Data);
        process.ErrorDataReceived += (_, e) => haproxy.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var client = new HaproxyRuntimeClient(runtime, TimeSpan.FromSeconds(2));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"haproxy exited with {process.ExitCode}: {haproxy.Output}");
            try
            {
                if ((await client.ExecuteAsync("show info", CancellationToken.None)).Contains("Name: HAProxy", StringComparison.Ordinal))
                    return haproxy;
            }
            catch (Exception ex) when (ex is SocketException or TimeoutException or IOException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                await haproxy.DisposeAsync();
                throw new TimeoutException($"haproxy's Runtime API did not answer: {haproxy.Output}");
            }

            await Task.Delay(50);
        }
    }

    public Task<string> CommandAsync(string command) =>
        new HaproxyRuntimeClient(Runtime, TimeSpan.FromSeconds(5)).ExecuteAsync(command, CancellationToken.None);

    /// <summary>Sends <paramref name="count"/> requests through the frontend, each on its own connection, and returns the answers.</summary>
    public async Task<IReadOnlyList<string>> GetAsync(int count)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var answers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Frontend);
            request.Headers.ConnectionClose = true;
            using var response = await http.SendAsync(request);
            answers.Add(response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : $"HTTP {(int)response.StatusCode}");
        }

        return answers;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
