using System.Text;
using Microsoft.AspNetCore.Http;
using Remediation.Testing;

namespace Remediation.Integration.Tests.Support;

/// <summary>
/// A service's versions behind a real HAProxy: one loopback backend per version that answers its version, each a server of
/// backend <c>app</c> named after its version (health-checked every 100 ms), HAProxy's Runtime API on a loopback port. A
/// CD system deploys by switching servers (<see cref="DeployAsync"/>); the executor's haproxy driver rolls back the same way.
/// </summary>
public sealed class HaproxyBlueGreen : IAsyncDisposable
{
    public const string Backend = "app";

    private readonly List<LoopbackServer> _versions;
    private readonly HaproxyProcess _haproxy;

    private HaproxyBlueGreen(HaproxyProcess haproxy, List<LoopbackServer> versions, int frontendPort, IReadOnlyList<string> names)
    {
        _haproxy = haproxy;
        _versions = versions;
        Frontend = new Uri($"http://127.0.0.1:{frontendPort}/");
        Versions = names;
    }

    public Uri Frontend { get; }

    public IReadOnlyList<string> Versions { get; }

    /// <summary>The Runtime API as the policy's <c>runtime</c> setting names it.</summary>
    public string Runtime => $"tcp://127.0.0.1:{_haproxy.RuntimeApiPort}";

    public string Output => _haproxy.Output;

    /// <summary>Starts a backend per version and HAProxy with only <paramref name="serving"/> in service.</summary>
    public static async Task<HaproxyBlueGreen> StartAsync(IReadOnlyList<string> versions, string serving)
    {
        var servers = new List<LoopbackServer>();
        foreach (var version in versions)
            servers.Add(await LoopbackServer.StartAsync(http => http.Response.WriteAsync(version)));

        var frontend = FreePort.Next();
        var config = new StringBuilder($"""
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s

            frontend web
                bind 127.0.0.1:{frontend}
                default_backend {Backend}

            backend {Backend}
                balance roundrobin

            """);
        for (var i = 0; i < versions.Count; i++)
            config.AppendLine($"    server {versions[i]} 127.0.0.1:{servers[i].Port} check inter 100ms fall 1 rise 1{(versions[i] == serving ? "" : " disabled")}");

        HaproxyProcess haproxy;
        try
        {
            haproxy = await HaproxyProcess.StartAsync(config.ToString());
        }
        catch
        {
            foreach (var server in servers)
                await server.DisposeAsync();
            throw;
        }

        var stack = new HaproxyBlueGreen(haproxy, servers, frontend, versions);
        await stack.WaitUntilServingOnlyAsync(serving);
        return stack;
    }

    /// <summary>The policy's target for this stack: the haproxy driver, the backend and the server of each version.</summary>
    public string TargetYaml(string indent) =>
        $"{indent}driver: haproxy\n{indent}backend: {Backend}\n{indent}runtime: \"{Runtime}\"\n" +
        $"{indent}versions: {{ {string.Join(", ", Versions.Select(v => $"{v}: {v}"))} }}\n";

    /// <summary>Deploys <paramref name="version"/> as a CD system switching servers would: bring it up, then take the others out.</summary>
    public async Task DeployAsync(string version)
    {
        await _haproxy.SendCommandAsync($"set server {Backend}/{version} state ready");
        await Eventually.UntilAsync(() => ServingAsync(8), s => s.Contains(version), Eventually.DefaultTimeout, $"{version} to answer through HAProxy");
        foreach (var other in Versions.Where(v => v != version))
            await _haproxy.SendCommandAsync($"set server {Backend}/{other} state maint");
        await WaitUntilServingOnlyAsync(version);
    }

    /// <summary>The versions that answered <paramref name="requests"/> requests through HAProxy, each on a new connection.</summary>
    public async Task<IReadOnlySet<string>> ServingAsync(int requests = 6)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var answers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requests; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Frontend);
            request.Headers.ConnectionClose = true;
            using var response = await http.SendAsync(request);
            answers.Add(response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : $"HTTP {(int)response.StatusCode}");
        }

        return answers;
    }

    public Task WaitUntilServingOnlyAsync(string version) =>
        Eventually.UntilAsync(() => ServingAsync(), s => s.Count == 1 && s.Contains(version), Eventually.DefaultTimeout,
            $"HAProxy to send all traffic to {version}");

    /// <summary>HAProxy's own view of the backend's servers (<c>show servers state</c>).</summary>
    public Task<string> ServersStateAsync() => _haproxy.SendCommandAsync($"show servers state {Backend}");

    public async ValueTask DisposeAsync()
    {
        await _haproxy.DisposeAsync();
        foreach (var server in _versions)
            await server.DisposeAsync();
    }
}
