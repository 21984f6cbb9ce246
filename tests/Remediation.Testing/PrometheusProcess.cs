namespace Remediation.Testing;

/// <summary>
/// Prometheus (/usr/bin/prometheus) with the test's configuration and rule files, listening on a loopback port, its
/// TSDB in the temp directory, reloadable (<c>--web.enable-lifecycle</c>); ready when <c>/-/ready</c> answers 200.
/// Rule files are written next to the configuration, so <c>rule_files: [rules.yml]</c> finds them. Note that an alert
/// that fires before Prometheus has discovered its Alertmanagers (about 5 s after start) is dropped and sent again only
/// after <c>--rules.alert.resend-delay</c> (1 m by default): tests that wait for delivery pass a short one in
/// <c>arguments</c>.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly ExternalProcess _process;
    private readonly HttpClient _http;

    private PrometheusProcess(ExternalProcess process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
        Url = new Uri($"http://127.0.0.1:{port}/");
        _http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Directory { get; }

    public int Port { get; }

    public Uri Url { get; }

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public static async Task<PrometheusProcess> StartAsync(string configuration, IReadOnlyDictionary<string, string>? files = null,
        IEnumerable<string>? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var prometheus = Executables.Require("Prometheus", "prometheus", "/usr/bin/prometheus", "prometheus");
        var directory = ScratchDirectory.Create("prometheus");
        await File.WriteAllTextAsync(Path.Combine(directory, "prometheus.yml"), configuration, cancellationToken);
        foreach (var (name, text) in files ?? new Dictionary<string, string>())
            await File.WriteAllTextAsync(Path.Combine(directory, name), text, cancellationToken);

        var port = FreePort.Next();
        var process = ExternalProcess.Start(prometheus,
            [
                $"--config.file={Path.Combine(directory, "prometheus.yml")}",
                $"--web.listen-address=127.0.0.1:{port}",
                $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                "--web.enable-lifecycle",
                "--log.level=warn",
                .. arguments ?? [],
            ],
            workingDirectory: directory, name: "prometheus");
        var fixture = new PrometheusProcess(process, directory, port);
        try
        {
            await ServerReadiness.WaitAsync(process, ServerReadiness.HttpOk(fixture._http, "-/ready"), TimeSpan.FromSeconds(60), cancellationToken);
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>Replaces a file in the configuration directory (the configuration itself is <c>prometheus.yml</c>); call <see cref="ReloadAsync"/> after.</summary>
    public Task WriteFileAsync(string name, string text, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(Path.Combine(Directory, name), text, cancellationToken);

    /// <summary>Makes Prometheus read its configuration and rules again (<c>POST /-/reload</c>).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync("-/reload", null, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Prometheus refused the reload: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
        ScratchDirectory.Delete(Directory);
    }
}
