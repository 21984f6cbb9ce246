using System.Net.Sockets;
using System.Text;

namespace Remediation.Testing;

/// <summary>
/// HAProxy (/usr/sbin/haproxy) in the foreground (<c>-db</c>) with the test's configuration. The fixture adds a
/// <c>global</c> section with the Runtime API at admin level, on a loopback TCP port and on a unix socket in the temp
/// directory; the test's configuration binds its own loopback ports (take them from <see cref="FreePort"/>) and must not
/// ask for root (no <c>user</c>, <c>chroot</c> or ports below 1024).
/// </summary>
public sealed class HaproxyProcess : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private HaproxyProcess(ExternalProcess process, string directory, int runtimeApiPort)
    {
        _process = process;
        Directory = directory;
        RuntimeApiPort = runtimeApiPort;
    }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "haproxy.cfg");

    /// <summary>The Runtime API on 127.0.0.1 (TCP), admin level.</summary>
    public int RuntimeApiPort { get; }

    /// <summary>The Runtime API as a unix socket, admin level.</summary>
    public string RuntimeSocketPath => Path.Combine(Directory, "admin.sock");

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public static async Task<HaproxyProcess> StartAsync(string configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var haproxy = Executables.Require("HAProxy", "haproxy", "/usr/sbin/haproxy", "haproxy");
        var directory = ScratchDirectory.Create("haproxy");
        var runtimePort = FreePort.Next();
        var text = new StringBuilder()
            .AppendLine("# Added by the test fixture: the Runtime API.")
            .AppendLine("global")
            .AppendLine($"    stats socket ipv4@127.0.0.1:{runtimePort} level admin")
            .AppendLine($"    stats socket {Path.Combine(directory, "admin.sock")} mode 600 level admin")
            .AppendLine()
            .Append(configuration)
            .AppendLine()
            .ToString();
        await File.WriteAllTextAsync(Path.Combine(directory, "haproxy.cfg"), text, cancellationToken);

        var process = ExternalProcess.Start(haproxy, ["-db", "-f", Path.Combine(directory, "haproxy.cfg")], workingDirectory: directory, name: "haproxy");
        var fixture = new HaproxyProcess(process, directory, runtimePort);
        try
        {
            await ServerReadiness.WaitAsync(process, async ct => (await fixture.SendCommandAsync("show info", ct)).Contains("Pid:", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), cancellationToken);
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one Runtime API command (for example <c>show servers state</c>) and returns the whole answer.</summary>
    public async Task<string> SendCommandAsync(string command, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", RuntimeApiPort, cancellationToken);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\n"), cancellationToken);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        ScratchDirectory.Delete(Directory);
    }
}
