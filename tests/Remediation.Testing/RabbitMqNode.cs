using System.Globalization;

namespace Remediation.Testing;

/// <summary>
/// A throwaway RabbitMQ node run from the Debian package's scripts as the current user: its own node name, loopback
/// ports, Erlang port mapper, cookie (HOME), data, configuration and enabled-plugins file, all in one temp directory.
/// Stopping keeps the directory, so a restarted node has its virtual hosts, durable queues and persistent messages.
/// </summary>
internal sealed class RabbitMqNode
{
    private static int _sequence;
    private readonly string _sbin;
    private readonly Dictionary<string, string?> _environment;
    private readonly OrphanWatchdog _watchdog;
    private ExternalProcess? _process;

    private RabbitMqNode(string sbin, string directory)
    {
        _sbin = sbin;
        Directory = directory;
        NodeName = $"rabbit-test-{System.Environment.ProcessId}-{Interlocked.Increment(ref _sequence)}@localhost";
        AmqpPort = FreePort.Next();
        ManagementPort = FreePort.Next();
        DistributionPort = FreePort.Next();
        EpmdPort = FreePort.Next();

        File.WriteAllText(Path.Combine(directory, "rabbitmq.conf"), string.Join('\n',
            $"listeners.tcp.default = 127.0.0.1:{AmqpPort}",
            "management.tcp.ip = 127.0.0.1",
            $"management.tcp.port = {ManagementPort}",
            // Queue figures in the management API refresh at this interval (5 s by default).
            "collect_statistics_interval = 1000",
            "log.console = true",
            "log.console.level = warning",
            "log.file = false",
            ""));
        File.WriteAllText(Path.Combine(directory, "enabled_plugins"), "[rabbitmq_management].\n");
        File.WriteAllText(Path.Combine(directory, "rabbitmq-env.conf"), "# Nothing from /etc/rabbitmq: this node is configured by its environment.\n");
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "home"));

        _environment = new Dictionary<string, string?>
        {
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Invariant(AmqpPort),
            ["RABBITMQ_DIST_PORT"] = Invariant(DistributionPort),
            ["ERL_EPMD_PORT"] = Invariant(EpmdPort),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(directory, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(directory, "rabbitmq-env.conf"),
            ["RABBITMQ_PID_FILE"] = PidFile,
            // The Erlang cookie lives in HOME: one per node, so concurrent first starts do not race to create a shared one.
            ["HOME"] = Path.Combine(directory, "home"),
            ["RABBITMQ_LOGS"] = "-",
        };

        _watchdog = OrphanWatchdog.Start(directory, KillScript);
    }

    public string Directory { get; }

    public string NodeName { get; }

    public int AmqpPort { get; }

    public int ManagementPort { get; }

    public int DistributionPort { get; }

    public int EpmdPort { get; }

    public bool IsRunning => _process is { HasExited: false };

    public string Output => _process?.Output ?? "";

    private string PidFile => Path.Combine(Directory, "rabbitmq.pid");

    public static RabbitMqNode Create()
    {
        var sbin = FindScripts();
        return new RabbitMqNode(sbin, ScratchDirectory.Create("rabbitmq"));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
            return;

        File.Delete(PidFile);
        _process = ExternalProcess.Start(Path.Combine(_sbin, "rabbitmq-server"), [], _environment, Directory, "rabbitmq-server", 400, newSession: true);
        await File.WriteAllTextAsync(Path.Combine(Directory, "leader.pid"), Invariant(_process.Id), cancellationToken);

        // 'wait' follows the pid file, then the node's boot; it gives up at once if the OS process dies.
        var wait = await ExternalProcess.RunAsync(Path.Combine(_sbin, "rabbitmqctl"),
            ["-n", NodeName, "wait", PidFile, "--timeout", "150"], _environment, TimeSpan.FromSeconds(180), Directory, cancellationToken);
        if (!wait.Succeeded || !IsRunning)
        {
            var output = _process.Output;
            await _process.DisposeAsync();
            throw new InvalidOperationException(
                $"RabbitMQ node {NodeName} did not start (rabbitmqctl wait: {wait.ExitCode}).{System.Environment.NewLine}{wait.Output}{System.Environment.NewLine}--- rabbitmq-server ---{System.Environment.NewLine}{output}");
        }
    }

    /// <summary>Stops the node the way an operator would (rabbitmqctl stop), keeping its data.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is null)
            return;

        if (!_process.HasExited)
        {
            await ExternalProcess.RunAsync(Path.Combine(_sbin, "rabbitmqctl"), ["-n", NodeName, "stop", PidFile], _environment,
                TimeSpan.FromSeconds(60), Directory, cancellationToken);
            if (!await _process.WaitForExitAsync(TimeSpan.FromSeconds(30), cancellationToken))
                _process.Kill();
        }

        await _process.DisposeAsync();
        _process = null;
    }

    /// <summary>Kills the node at once (SIGKILL, as in a crash), keeping its data for a restart.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        await ExternalProcess.RunAsync("bash", ["-c", KillScript], null, TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Kills the node and its port mapper and deletes its directory; synchronous, for process exit too.</summary>
    public void Destroy()
    {
        ExternalProcess.RunBlocking("bash", ["-c", KillScript], null, TimeSpan.FromSeconds(30));
        _process?.Kill();
        ScratchDirectory.Delete(Directory);
        _watchdog.Dispose();
    }

    /// <summary>
    /// Kills the node's process group (the server script and the Erlang VM; the VM's helpers exit with it), waits until
    /// it is gone, then stops the node's own port mapper, which refuses while the node is still registered.
    /// </summary>
    private string KillScript
    {
        get
        {
            var leader = Shell.Quote(Path.Combine(Directory, "leader.pid"));
            var script = $"if [ -f {leader} ]; then g=$(cat {leader}); kill -s KILL -- -$g 2>/dev/null; " +
                         "i=0; while kill -0 -- -$g 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; fi";
            return Executables.Find("epmd", "/usr/lib/erlang/bin/epmd") is { } epmd
                ? $"{script}; {Shell.Quote(epmd)} -port {Invariant(EpmdPort)} -kill >/dev/null 2>&1; true"
                : $"{script}; true";
        }
    }

    private static string FindScripts()
    {
        // The package's own scripts, not the /usr/sbin wrapper, which switches to the rabbitmq user and its data.
        var candidates = new List<string> { "/usr/lib/rabbitmq/bin" };
        if (System.IO.Directory.Exists("/usr/lib/rabbitmq/lib"))
            candidates.AddRange(System.IO.Directory.GetDirectories("/usr/lib/rabbitmq/lib", "rabbitmq_server-*").Order(StringComparer.Ordinal).Reverse().Select(d => Path.Combine(d, "sbin")));

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "rabbitmq-server")) && File.Exists(Path.Combine(d, "rabbitmqctl")))
               ?? throw new InvalidOperationException(
                   "RabbitMQ is not installed (no /usr/lib/rabbitmq/bin/rabbitmq-server). Run ./infra/test.sh, which installs it, " +
                   "or apt-get install rabbitmq-server, or point the tests at a broker with REMEDIATION_TEST_RABBITMQ_HOST.");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
