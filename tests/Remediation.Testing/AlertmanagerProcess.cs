namespace Remediation.Testing;

/// <summary>
/// Alertmanager (/usr/bin/prometheus-alertmanager) with the test's configuration, listening on a loopback port, not
/// clustering (<c>--cluster.listen-address=</c>), its state in the temp directory; ready when <c>/-/ready</c> answers 200.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private AlertmanagerProcess(ExternalProcess process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
        Url = new Uri($"http://127.0.0.1:{port}/");
    }

    public string Directory { get; }

    public int Port { get; }

    public Uri Url { get; }

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public static async Task<AlertmanagerProcess> StartAsync(string configuration, IEnumerable<string>? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var alertmanager = Executables.Require("Alertmanager", "prometheus-alertmanager", "/usr/bin/prometheus-alertmanager", "prometheus-alertmanager", "alertmanager");
        var directory = ScratchDirectory.Create("alertmanager");
        await File.WriteAllTextAsync(Path.Combine(directory, "alertmanager.yml"), configuration, cancellationToken);

        var port = FreePort.Next();
        var process = ExternalProcess.Start(alertmanager,
            [
                $"--config.file={Path.Combine(directory, "alertmanager.yml")}",
                $"--web.listen-address=127.0.0.1:{port}",
                "--cluster.listen-address=",
                $"--storage.path={Path.Combine(directory, "data")}",
                "--log.level=warn",
                .. arguments ?? [],
            ],
            workingDirectory: directory, name: "alertmanager");
        var fixture = new AlertmanagerProcess(process, directory, port);
        try
        {
            using var http = new HttpClient { BaseAddress = fixture.Url, Timeout = TimeSpan.FromSeconds(10) };
            await ServerReadiness.WaitAsync(process, ServerReadiness.HttpOk(http, "-/ready"), TimeSpan.FromSeconds(60), cancellationToken);
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        ScratchDirectory.Delete(Directory);
    }
}
