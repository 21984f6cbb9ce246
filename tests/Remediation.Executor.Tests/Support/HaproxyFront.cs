using Remediation.Testing;

namespace Remediation.Executor.Tests.Support;

/// <summary>
/// A real HAProxy (the shared <see cref="HaproxyProcess"/> fixture) with a frontend on a loopback port in front of
/// <c>backend app</c>, whose server lines the test gives; its Runtime API as a policy's <c>runtime</c> setting names it (TCP,
/// or the unix socket).
/// </summary>
internal sealed class HaproxyFront : IAsyncDisposable
{
    private readonly HaproxyProcess _haproxy;

    private HaproxyFront(HaproxyProcess haproxy, int frontendPort, bool unixSocket)
    {
        _haproxy = haproxy;
        Frontend = new Uri($"http://127.0.0.1:{frontendPort}/");
        Runtime = unixSocket ? haproxy.RuntimeSocketPath : $"tcp://127.0.0.1:{haproxy.RuntimeApiPort}";
    }

    /// <summary>The Runtime API address as a policy's <c>runtime</c> setting writes it.</summary>
    public string Runtime { get; }

    public Uri Frontend { get; }

    /// <summary>Starts HAProxy; <paramref name="backend"/> holds the server lines of <c>backend app</c>.</summary>
    public static async Task<HaproxyFront> StartAsync(string backend, bool unixSocket = false)
    {
        var frontendPort = FreePort.Next();
        var haproxy = await HaproxyProcess.StartAsync($"""
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
        return new HaproxyFront(haproxy, frontendPort, unixSocket);
    }

    public Task<string> CommandAsync(string command) => _haproxy.SendCommandAsync(command);

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

    public ValueTask DisposeAsync() => _haproxy.DisposeAsync();
}
