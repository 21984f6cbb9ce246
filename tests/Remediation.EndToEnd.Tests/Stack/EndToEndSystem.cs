using System.Globalization;
using System.Text;
using Remediation.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>
/// Everything real, each in its own process: RabbitMQ and PostgreSQL (the shared test servers, a virtual host and five
/// databases of this run), the five service hosts, one environment of the sample shop per scenario (a process per version
/// behind HAProxy), the load generator sending steady traffic through each HAProxy, Prometheus scraping HAProxy's exporter
/// and the shop's own metrics with infra/monitoring's rules, Alertmanager delivering to the detector, and a webhook receiver
/// for the notifier. Once up, it deploys each environment's earlier versions and lets them soak (their history), in the
/// background, so that scenarios only wait for what they need.
/// </summary>
public sealed class EndToEndSystem(IMessageSink diagnostics) : IAsyncLifetime, IAsyncDisposable
{
    public const string Rollback = "rollback";
    public const string Fallback = "fallback";
    public const string Exhausted = "exhausted";

    /// <summary>
    /// What each environment ran before its scenario: versions deployed in order, and whether the next one waits until the
    /// decision service trusts it (it soaked for verify_for without an anomaly). In "exhausted" v1 replaces v0 at once,
    /// so v0 is never known healthy.
    /// </summary>
    private static readonly Dictionary<string, (string Version, bool Soak)[]> Histories = new(StringComparer.Ordinal)
    {
        [Rollback] = [("v1", true)],
        [Fallback] = [("v0", true), ("v1", true)],
        [Exhausted] = [("v0", false), ("v1", true)],
    };

    private readonly string _scratch = Directory.CreateTempSubdirectory("remediation-e2e-").FullName;
    private readonly List<ProgramProcess> _hosts = [];
    private readonly List<PostgresDatabase> _databases = [];
    private readonly Dictionary<string, Task> _histories = new(StringComparer.Ordinal);
    private OrphanGuard? _guard;
    private RabbitMqVirtualHost? _vhost;
    private ProgramProcess? _load;
    private PrometheusProcess? _prometheus;
    private AlertmanagerProcess? _alertmanager;
    private NotificationReceiver? _receiver;
    private RemediationClients? _clients;
    private int _disposed;

    public PipelineSettings Settings { get; } = PipelineSettings.FromEnvironment();

    public IReadOnlyDictionary<string, ShopEnvironment> Environments { get; } =
        new[] { Rollback, Fallback, Exhausted }.ToDictionary(n => n, n => new ShopEnvironment(n), StringComparer.Ordinal);

    public RemediationClients Remediation => _clients ?? throw new InvalidOperationException("The stack is not started.");

    public PrometheusProcess Prometheus => _prometheus ?? throw new InvalidOperationException("The stack is not started.");

    public AlertmanagerProcess Alertmanager => _alertmanager ?? throw new InvalidOperationException("The stack is not started.");

    public NotificationReceiver Receiver => _receiver ?? throw new InvalidOperationException("The stack is not started.");

    /// <summary>The channel of the policy's notify routes, delivered to <see cref="Receiver"/>.</summary>
    public const string NotifyChannel = "ops";

    public async Task InitializeAsync()
    {
        _guard = new OrphanGuard(_scratch);
        var ingestToken = $"ingest-{Guid.NewGuid():N}";
        var readToken = $"read-{Guid.NewGuid():N}";
        var operatorToken = $"operator-{Guid.NewGuid():N}";
        var tokenFile = Path.Combine(_scratch, "ingest-token");
        await File.WriteAllTextAsync(tokenFile, ingestToken);

        _vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync($"e2e-{Guid.NewGuid():N}");
        var postgres = await PostgresServer.GetSharedAsync();
        foreach (var service in HostNames)
            _databases.Add(await postgres.CreateDatabaseAsync($"e2e_{service.ToLowerInvariant()}"));
        _receiver = await NotificationReceiver.StartAsync();

        var policy = Path.Combine(_scratch, "policy.yaml");
        await File.WriteAllTextAsync(policy, Policy());

        // Prometheus first, so that the postmortem service can be told where it is; then everything else at once (two
        // waves of a dozen .NET programs would take twice as long on two cores). Addresses are chosen up front.
        var targets = Directory.CreateDirectory(Path.Combine(_scratch, "targets")).FullName;
        await WriteTargetsAsync(targets);
        _prometheus = await PrometheusProcess.StartAsync(
            ConfigTemplate.Render("infra/monitoring/prometheus.yml", new Dictionary<string, string>
            {
                ["SCRAPE_INTERVAL"] = PipelineSettings.Format(Settings.Interval),
                ["EVALUATION_INTERVAL"] = PipelineSettings.Format(Settings.Interval),
                ["TARGETS_DIR"] = targets,
            }),
            new Dictionary<string, string>
            {
                ["rules.yml"] = ConfigTemplate.Render("infra/monitoring/rules.yml",
                    new Dictionary<string, string> { ["RATE_WINDOW"] = PipelineSettings.Format(Settings.RateWindow) }),
            },
            // Without a short resend delay an alert that fires before Alertmanager is discovered waits a minute.
            ["--rules.alert.resend-delay=1s"]);

        var good = (0.0, 0);
        var bad = (Settings.BadErrorRatio, Settings.BadLatencyMs);
        var environments = Environments.Values.Select(e => e.StartAsync(
            new Dictionary<string, (double, int)>(StringComparer.Ordinal) { ["v0"] = good, ["v1"] = good, ["v2"] = bad }, _guard)).ToList();
        var detectorPort = FreePort.Next();
        for (var i = 0; i < HostNames.Length; i++)
        {
            _hosts.Add(ProgramProcess.Start(HostNames[i].ToLowerInvariant(), Repository.Host(HostNames[i]),
                HostEnvironment(HostNames[i], _databases[i], policy, ingestToken, readToken, operatorToken), _guard,
                HostNames[i] == "Detector" ? detectorPort : null));
        }

        _load = ProgramProcess.Start("load generator", Repository.SampleService, LoadEnvironment(), _guard);
        _clients = new RemediationClients(Host("Detector").Url, Host("Decision").Url, Host("Executor").Url, Host("Notifier").Url,
            Host("Postmortem").Url, ingestToken, readToken);

        _alertmanager = await AlertmanagerProcess.StartAsync(ConfigTemplate.Render("infra/monitoring/alertmanager.yml", new Dictionary<string, string>
        {
            ["DETECTOR_URL"] = Host("Detector").Url.ToString().TrimEnd('/'),
            ["INGEST_TOKEN_FILE"] = tokenFile,
            ["GROUP_WAIT"] = PipelineSettings.Format(Settings.GroupWait),
            ["GROUP_INTERVAL"] = PipelineSettings.Format(Settings.GroupInterval),
        }));
        // Prometheus notices the new file at once (file_sd watches the directory).
        await File.WriteAllTextAsync(Path.Combine(targets, "alertmanager-e2e.yml"), $"- targets: [\"{_alertmanager.Url.Authority}\"]\n");

        await Task.WhenAll(environments);
        await Task.WhenAll(_hosts.Select(h => h.WaitReadyAsync("health/ready", TimeSpan.FromMinutes(4))).Append(_load.WaitReadyAsync("health", TimeSpan.FromMinutes(4))));

        foreach (var (environment, history) in Histories)
            _histories[environment] = PlayHistoryAsync(Environments[environment], history);
    }

    /// <summary>
    /// Writes to the test run's console whether the test passes or not (xunit's diagnostic messages, switched on in
    /// xunit.runner.json): the timings are what this suite measures.
    /// </summary>
    public void Report(string text) => diagnostics.OnMessage(new DiagnosticMessage(text));

    /// <summary>Waits until the environment's earlier versions are deployed and, where the history says so, trusted.</summary>
    public Task HistoryAsync(string environment) => _histories[environment];

    public ProgramProcess Host(string service) => _hosts[Array.IndexOf(HostNames, service)];

    /// <summary>The last lines of every process, for a failure message.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var host in _hosts)
            text.AppendLine(CultureInfo.InvariantCulture, $"--- {host.Name}:").AppendLine(ShopEnvironment.Tail(host.Output, 60));
        text.AppendLine("--- load generator:").AppendLine(ShopEnvironment.Tail(_load?.Output ?? "", 10));
        text.AppendLine("--- prometheus:").AppendLine(ShopEnvironment.Tail(_prometheus?.Output ?? "", 20));
        text.AppendLine("--- alertmanager:").AppendLine(ShopEnvironment.Tail(_alertmanager?.Output ?? "", 20));
        foreach (var environment in Environments.Values)
            text.AppendLine(environment.Describe());
        return text.ToString();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        if (_prometheus is not null)
            await _prometheus.DisposeAsync();
        if (_alertmanager is not null)
            await _alertmanager.DisposeAsync();
        if (_load is not null)
            await _load.DisposeAsync();
        foreach (var host in _hosts)
            await host.DisposeAsync();
        foreach (var environment in Environments.Values)
            await environment.DisposeAsync();
        if (_receiver is not null)
            await _receiver.DisposeAsync();
        _clients?.Dispose();
        foreach (var database in _databases)
            await database.DisposeAsync();
        if (_vhost is not null)
            await _vhost.DisposeAsync();
        _guard?.Dispose();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // A process still writing as it dies: the OS temp cleaner gets it.
        }
    }

    private static readonly string[] HostNames = ["Detector", "Decision", "Executor", "Notifier", "Postmortem"];

    private async Task PlayHistoryAsync(ShopEnvironment environment, (string Version, bool Soak)[] history)
    {
        foreach (var (version, soak) in history)
        {
            await environment.DeployAsync(Remediation, version);
            if (soak)
            {
                // The soak is verify_for after the deployment; the wait allows for a busy machine.
                await Eventually.UntilAsync(() => Remediation.ServiceAsync(environment.Name, ShopEnvironment.Service),
                    s => s?.Find("versions")?.Find(version)?.Text("verdict") == "Healthy",
                    Settings.VerifyFor + TimeSpan.FromMinutes(2), $"{environment.Name}: {version} to be trusted after its soak");
            }
        }
    }

    private string Policy()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"""
            # The end-to-end test's policy: the shop in each scenario's environment, rolled back on HAProxy.
            defaults:
              detection:
                quorum: 2
                flap_suppression: {PipelineSettings.Format(Settings.FlapSuppression)}
                thresholds: {"{"} error_rate: 0.05, latency_p99_ms: 500 {"}"}
              rollback:
                window: 30m
                cooldown: 5m
                verify_for: {PipelineSettings.Format(Settings.VerifyFor)}
                max_depth: 2
                approval: auto
                executor_timeout: 2m
              notify:
                minor: [{NotifyChannel}]
            services:

            """);
        foreach (var environment in Environments.Values)
        {
            text.Append(CultureInfo.InvariantCulture, $"""
                  - name: {ShopEnvironment.Service}
                    environment: {environment.Name}
                    target:
                      driver: haproxy
                      runtime: tcp://{environment.RuntimeApi}
                      backend: {ShopEnvironment.Backend}
                      versions: {"{"} v0: s0, v1: s1, v2: s2 {"}"}

                """);
        }

        return text.ToString();
    }

    private Dictionary<string, string?> HostEnvironment(string service, PostgresDatabase database, string policy, string ingestToken, string readToken,
        string operatorToken)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Remediation__Policy__Path"] = policy,
            ["Remediation__Auth__Tokens__0__Name"] = "alertmanager-and-cd",
            ["Remediation__Auth__Tokens__0__Token"] = ingestToken,
            ["Remediation__Auth__Tokens__0__Roles__0"] = "ingest",
            ["Remediation__Auth__Tokens__1__Name"] = "test-reader",
            ["Remediation__Auth__Tokens__1__Token"] = readToken,
            ["Remediation__Auth__Tokens__1__Roles__0"] = "read",
            ["Remediation__Auth__Tokens__2__Name"] = "test-operator",
            ["Remediation__Auth__Tokens__2__Token"] = operatorToken,
            ["Remediation__Auth__Tokens__2__Roles__0"] = "operator",
            // Quorum queues, as docker-compose.yml and the Kubernetes configuration deploy the services (the integration tests
            // run on classic queues, the default).
            ["Remediation__Messaging__RabbitMq__UseQuorumQueues"] = "true",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft"] = "Warning",
            ["Logging__LogLevel__System.Net.Http"] = "Warning",
        };
        foreach (var (key, value) in _vhost!.Configuration.Concat(database.Configuration))
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        switch (service)
        {
            case "Notifier":
                environment[$"Remediation__Notifier__Channels__{NotifyChannel}__Type"] = "webhook";
                environment[$"Remediation__Notifier__Channels__{NotifyChannel}__Url"] = Receiver.Url.ToString();
                break;
            case "Postmortem":
                environment["Remediation__Postmortem__Prometheus__Url"] = Prometheus.Url.ToString();
                break;
        }

        return environment;
    }

    private Dictionary<string, string?> LoadEnvironment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Sample__Role"] = "load",
            ["Sample__Load__RatePerSecond"] = Settings.RatePerSecond.ToString(CultureInfo.InvariantCulture),
        };
        var i = 0;
        foreach (var shop in Environments.Values)
            environment[$"Sample__Load__Targets__{i++}"] = shop.Frontend.ToString();
        return environment;
    }

    private async Task WriteTargetsAsync(string directory)
    {
        var haproxy = new StringBuilder();
        var shops = new StringBuilder();
        foreach (var environment in Environments.Values)
        {
            haproxy.Append(CultureInfo.InvariantCulture, $"- targets: [\"{environment.Metrics}\"]\n  labels: {{ environment: {environment.Name} }}\n");
            foreach (var (version, port) in environment.VersionPorts)
            {
                shops.Append(CultureInfo.InvariantCulture,
                    $"- targets: [\"127.0.0.1:{port}\"]\n  labels: {{ environment: {environment.Name}, service: {ShopEnvironment.Service}, version: {version} }}\n");
            }
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "haproxy-e2e.yml"), haproxy.ToString());
        await File.WriteAllTextAsync(Path.Combine(directory, "shop-e2e.yml"), shops.ToString());
    }
}
