using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Remediation.Benchmarks.Ingestion;

/// <summary>A server process this benchmark started: its output kept for errors, stopped (by its own id) on dispose.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static ChildProcess Start(string file, IEnumerable<string> arguments, string? workingDirectory = null,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until <paramref name="url"/> answers 200, or fails with the process' output.</summary>
    public async Task WaitReadyAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await client.GetAsync(url, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not answering yet.
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{url} was not ready within {timeout.TotalSeconds:0}s:\n{Output}");
            await Task.Delay(100, cancellationToken);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        // For diagnosis: REMEDIATION_BENCH_OUTPUT names a directory that keeps each server's output.
        if (Environment.GetEnvironmentVariable("REMEDIATION_BENCH_OUTPUT") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            var name = $"{Path.GetFileNameWithoutExtension(_process.StartInfo.ArgumentList.FirstOrDefault() ?? _process.StartInfo.FileName)}-{_process.Id}.log";
            await File.WriteAllTextAsync(Path.Combine(directory, name), Output);
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
