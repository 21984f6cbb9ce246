using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Remediation.Executor.Drivers.Haproxy;

/// <summary>
/// HAProxy's Runtime API (the <c>stats socket ... level admin</c>), one command per connection: over TCP
/// (<c>tcp://host:port</c>, <c>ipv4@host:port</c>, <c>host:port</c>) or a unix socket (<c>unix:///path</c> or a path).
/// </summary>
public sealed partial class HaproxyRuntimeClient(string address, TimeSpan timeout)
{
    public string Address { get; } = address;

    /// <summary>Names that reach the command line: no spaces or separators, so a policy value cannot add a command.</summary>
    [GeneratedRegex("^[A-Za-z0-9_.:-]+$", RegexOptions.CultureInvariant)]
    public static partial Regex SafeName();

    public async Task<string> ExecuteAsync(string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Contains('\n', StringComparison.Ordinal) || command.Contains(';', StringComparison.Ordinal))
            throw new ArgumentException("One command at a time.", nameof(command));

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var socket = await ConnectAsync(timeoutSource.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\n"), timeoutSource.Token);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"HAProxy's Runtime API at {Address} did not answer '{Verb(command)}' within {timeout.TotalSeconds:0.#}s.");
        }
    }

    /// <summary>A command that answers nothing on success (<c>set server ...</c>); any text back is HAProxy's error.</summary>
    public async Task ExecuteSilentAsync(string command, CancellationToken cancellationToken)
    {
        var answer = (await ExecuteAsync(command, cancellationToken)).Trim();
        if (answer.Length > 0)
            throw new ExecutorFailureException(FailureCodes.TargetError, $"HAProxy refused '{command}': {answer}");
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var (endpoint, family, protocol) = Endpoint(Address);
        var socket = new Socket(family, SocketType.Stream, protocol);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static (EndPoint, AddressFamily, ProtocolType) Endpoint(string address)
    {
        var text = address.Trim();
        if (text.StartsWith("unix://", StringComparison.Ordinal))
            return (new UnixDomainSocketEndPoint(text["unix://".Length..]), AddressFamily.Unix, ProtocolType.Unspecified);
        if (text.StartsWith("unix@", StringComparison.Ordinal))
            return (new UnixDomainSocketEndPoint(text["unix@".Length..]), AddressFamily.Unix, ProtocolType.Unspecified);
        if (text.StartsWith('/'))
            return (new UnixDomainSocketEndPoint(text), AddressFamily.Unix, ProtocolType.Unspecified);

        foreach (var prefix in new[] { "tcp://", "ipv4@", "ipv6@" })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
                text = text[prefix.Length..];
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            throw new ExecutorFailureException(FailureCodes.Configuration, $"'{address}' is not a Runtime API address (tcp://host:port or a unix socket path).");
        var host = text[..colon].Trim('[', ']');
        EndPoint endpoint = IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, port) : new DnsEndPoint(host, port);
        return (endpoint, ip?.AddressFamily ?? AddressFamily.InterNetwork, ProtocolType.Tcp);
    }

    private static string Verb(string command) => string.Join(' ', command.Split(' ').Take(3));
}
