using Remediation.Testing;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>
/// A built .NET program of the repository (a service host, the sample service) run with <c>dotnet</c> as a separate
/// process on a loopback port, configured by environment variables, ready once an HTTP path answers 200.
/// </summary>
public sealed class ProgramProcess : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private ProgramProcess(string name, ExternalProcess process, Uri url)
    {
        Name = name;
        _process = process;
        Url = url;
    }

    public string Name { get; }

    public Uri Url { get; }

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the program on <paramref name="port"/> (a free one when not given) without waiting for it.</summary>
    public static ProgramProcess Start(string name, string dll, IReadOnlyDictionary<string, string?> environment, OrphanGuard guard, int? port = null)
    {
        port ??= FreePort.Next();
        var variables = new Dictionary<string, string?>(environment)
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["DOTNET_NOLOGO"] = "1",
            // Less JIT work while a dozen programs start at once on two cores.
            ["DOTNET_TieredPGO"] = "0",
        };
        var process = ExternalProcess.Start("dotnet", [dll], variables, Path.GetDirectoryName(dll), name, keepLines: 400, newSession: true);
        guard.Watch(process.Id);
        return new ProgramProcess(name, process, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Waits until <paramref name="path"/> answers 200; fails with the program's output if it exits or never does.</summary>
    public async Task WaitReadyAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + timeout;
        var last = "no answer yet";
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready:{System.Environment.NewLine}{Output}");
            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                    return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s ({last}):{System.Environment.NewLine}{Output}");
            await Task.Delay(200);
        }
    }

    public async Task StopAsync() => await _process.StopAsync(TimeSpan.FromSeconds(10));

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    public override string ToString() => $"{Name} at {Url}";
}
