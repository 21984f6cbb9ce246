using System.Globalization;

namespace Remediation.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb into a temp directory, listening on 127.0.0.1 and a free port with its socket
/// in the same directory, tuned for tests (no fsync). Root cannot run initdb, so as root every command runs as the
/// <c>postgres</c> user (runuser); as anyone else it runs as that user. Stopping keeps the data for a restart.
/// </summary>
internal sealed class PostgresCluster
{
    private readonly string _bin;
    private readonly OrphanWatchdog _watchdog;

    private PostgresCluster(string bin, string directory)
    {
        _bin = bin;
        Directory = directory;
        Port = FreePort.Next();
        var pgCtl = string.Join(' ', AsServerUser(Path.Combine(bin, "pg_ctl")).Select(Shell.Quote));
        _watchdog = OrphanWatchdog.Start(directory, $"{pgCtl} -D {Shell.Quote(DataDirectory)} -m immediate -w stop");
    }

    public string Directory { get; }

    public int Port { get; }

    public bool IsRunning { get; private set; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres";

    private string DataDirectory => Path.Combine(Directory, "data");

    private string LogFile => Path.Combine(Directory, "server.log");

    public static async Task<PostgresCluster> CreateAsync(CancellationToken cancellationToken)
    {
        var cluster = new PostgresCluster(FindBinaries(), ScratchDirectory.Create("postgres"));
        try
        {
            if (Executables.IsRoot)
            {
                var owner = await ExternalProcess.RunAsync("chown", ["postgres:postgres", cluster.Directory], cancellationToken: cancellationToken);
                owner.EnsureSuccess("Giving the postgres user the cluster directory (is the postgresql package installed?)");
            }

            var initdb = await cluster.RunAsync("initdb",
                ["-D", cluster.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"],
                TimeSpan.FromSeconds(120), cancellationToken);
            initdb.EnsureSuccess($"initdb of a test cluster in {cluster.DataDirectory}");
            return cluster;
        }
        catch
        {
            cluster.Destroy();
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            $"-c unix_socket_directories={Directory}",
            "-c max_connections=300",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off");
        var start = await RunAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-o", options, "-w", "-t", "120", "start"], TimeSpan.FromSeconds(150), cancellationToken);
        if (!start.Succeeded)
            throw new InvalidOperationException($"PostgreSQL did not start on port {Port}.{System.Environment.NewLine}{start.Output}{System.Environment.NewLine}--- server log ---{System.Environment.NewLine}{ReadLog()}");
        IsRunning = true;
    }

    /// <summary>A clean shutdown (fast mode: open sessions are ended), keeping the data.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var stop = await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], TimeSpan.FromSeconds(90), cancellationToken);
        stop.EnsureSuccess("Stopping the test PostgreSQL");
        IsRunning = false;
    }

    /// <summary>Stops the cluster at once and deletes its directory; synchronous, for process exit too.</summary>
    public void Destroy()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            var command = AsServerUser(Path.Combine(_bin, "pg_ctl"));
            ExternalProcess.RunBlocking(command[0], [.. command.Skip(1), "-D", DataDirectory, "-m", "immediate", "-w", "stop"], null, TimeSpan.FromSeconds(30));
        }

        IsRunning = false;
        ScratchDirectory.Delete(Directory);
        _watchdog.Dispose();
    }

    public string ReadLog()
    {
        try
        {
            var lines = File.ReadAllLines(LogFile);
            return string.Join('\n', lines.TakeLast(60));
        }
        catch (IOException)
        {
            return "(no server log)";
        }
    }

    private Task<ProcessResult> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = AsServerUser(Path.Combine(_bin, tool));
        return ExternalProcess.RunAsync(command[0], [.. command.Skip(1), .. arguments], null, timeout, Directory, cancellationToken);
    }

    private static string[] AsServerUser(string program) =>
        Executables.IsRoot ? ["runuser", "-u", "postgres", "--", program] : [program];

    private static string FindBinaries()
    {
        // Debian and Ubuntu keep initdb and pg_ctl out of PATH, in one directory per major version: take the newest.
        var versions = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(d => d.Version > 0)
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Directory, "bin"))
            : [];
        var onPath = Executables.Find("initdb") is { } initdb ? [Path.GetDirectoryName(Path.GetFullPath(initdb))!] : Array.Empty<string>();
        return versions.Concat(onPath).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
               ?? throw new InvalidOperationException(
                   "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or on PATH). Run ./infra/test.sh, which installs it, " +
                   $"or apt-get install postgresql, or point the tests at a server with {TestEnvironment.Postgres}.");
    }
}
