using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Remediation.Testing;

/// <summary>
/// A real RabbitMQ broker for tests. <see cref="GetSharedAsync"/> is the one broker of the test process: the one the
/// environment names (<see cref="TestEnvironment.RabbitMqHost"/> and friends), or else a throwaway node started on first
/// use and stopped when the process exits. Tests isolate themselves with <see cref="CreateVirtualHostAsync"/>. A test that
/// must stop and restart the broker uses its own, from <see cref="StartDedicatedAsync"/>.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private static readonly Lazy<Task<RabbitMqServer>> Shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly RabbitMqNode? _node;
    private readonly bool _isShared;
    private readonly HttpClient _management;
    private int _disposed;

    private RabbitMqServer(string host, int port, int managementPort, string username, string password, RabbitMqNode? node, bool isShared)
    {
        Host = host;
        Port = port;
        ManagementPort = managementPort;
        Username = username;
        Password = password;
        _node = node;
        _isShared = isShared;
        _management = new HttpClient { BaseAddress = new Uri($"http://{host}:{managementPort}/api/"), Timeout = TimeSpan.FromSeconds(30) };
        _management.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
    }

    public string Host { get; }

    /// <summary>The AMQP port.</summary>
    public int Port { get; }

    public int ManagementPort { get; }

    public string Username { get; }

    public string Password { get; }

    /// <summary>True when the broker was started elsewhere (environment variables): it cannot be stopped from here.</summary>
    public bool IsExternal => _node is null;

    /// <summary>The node's name when this process started it.</summary>
    public string? NodeName => _node?.NodeName;

    /// <summary>The node's recent log lines (for failure messages); empty for an external broker.</summary>
    public string Output => _node?.Output ?? "";

    /// <summary>The broker of this test process; started on first use unless the environment names one.</summary>
    public static Task<RabbitMqServer> GetSharedAsync() => Shared.Value;

    /// <summary>A broker of the calling test's own, always a local throwaway node, that it may stop and start.</summary>
    public static async Task<RabbitMqServer> StartDedicatedAsync(CancellationToken cancellationToken = default)
    {
        var node = RabbitMqNode.Create();
        var server = new RabbitMqServer("127.0.0.1", node.AmqpPort, node.ManagementPort, "guest", "guest", node, isShared: false);
        ExitCleanup.Register(server, node.Destroy);
        try
        {
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a stopped dedicated node again on the same ports and data, and waits until it is ready.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var node = OwnNode("start");
        await node.StartAsync(cancellationToken);
        await WaitForManagementAsync(cancellationToken);
    }

    /// <summary>Stops a dedicated node (rabbitmqctl stop); its virtual hosts, durable queues and persistent messages stay.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => OwnNode("stop").StopAsync(cancellationToken);

    /// <summary>Kills a dedicated node outright (as in a crash); what it had confirmed to publishers is still there after <see cref="StartAsync"/>.</summary>
    public Task KillAsync(CancellationToken cancellationToken = default) => OwnNode("kill").KillAsync(cancellationToken);

    /// <summary>
    /// A new virtual host with full permissions for <see cref="Username"/>, deleted (with its queues) on dispose. Its
    /// <see cref="RabbitMqVirtualHost.Configuration"/> points <c>Remediation:Messaging</c> at it.
    /// </summary>
    public async Task<RabbitMqVirtualHost> CreateVirtualHostAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= $"test-{Guid.NewGuid():N}";
        var vhost = Uri.EscapeDataString(name);
        using (var created = await _management.PutAsync($"vhosts/{vhost}", JsonContent.Create(new { description = "Remediation test" }), cancellationToken))
            await EnsureSuccessAsync(created, $"Creating virtual host {name}");

        var permissions = JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" });
        using (var granted = await _management.PutAsync($"permissions/{vhost}/{Uri.EscapeDataString(Username)}", permissions, cancellationToken))
            await EnsureSuccessAsync(granted, $"Granting {Username} access to {name}");

        return new RabbitMqVirtualHost(this, name);
    }

    internal async Task DeleteVirtualHostAsync(string name, CancellationToken cancellationToken)
    {
        if (_node is { IsRunning: false })
            return; // A stopped dedicated node: its directory goes with it.

        using var response = await _management.DeleteAsync($"vhosts/{Uri.EscapeDataString(name)}", cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
            await EnsureSuccessAsync(response, $"Deleting virtual host {name}");
    }

    internal async Task<IReadOnlyList<RabbitMqQueueInfo>> GetQueuesAsync(string vhost, CancellationToken cancellationToken)
    {
        using var response = await _management.GetAsync($"queues/{Uri.EscapeDataString(vhost)}?columns=name,type,durable,messages,consumers", cancellationToken);
        await EnsureSuccessAsync(response, $"Listing the queues of {vhost}");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return
        [
            .. document.RootElement.EnumerateArray().Select(q => new RabbitMqQueueInfo(
                q.GetProperty("name").GetString()!,
                q.TryGetProperty("type", out var type) ? type.GetString() ?? "classic" : "classic",
                q.TryGetProperty("durable", out var durable) && durable.GetBoolean(),
                q.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Number ? messages.GetInt64() : 0,
                q.TryGetProperty("consumers", out var consumers) && consumers.ValueKind == JsonValueKind.Number ? consumers.GetInt32() : 0)),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        // The shared broker lives as long as the test process; disposing it from one test must not stop the others.
        if (_isShared || Interlocked.Exchange(ref _disposed, 1) == 1)
            return;

        _management.Dispose();
        if (_node is not null)
        {
            ExitCleanup.Unregister(this);
            await Task.Run(_node.Destroy);
        }
    }

    private static async Task<RabbitMqServer> StartSharedAsync()
    {
        if (TestEnvironment.Get(TestEnvironment.RabbitMqHost) is { } host)
        {
            var external = new RabbitMqServer(
                host,
                TestEnvironment.GetPort(TestEnvironment.RabbitMqPort, 5672),
                TestEnvironment.GetPort(TestEnvironment.RabbitMqManagementPort, 15672),
                TestEnvironment.Get(TestEnvironment.RabbitMqUser) ?? "guest",
                TestEnvironment.Get(TestEnvironment.RabbitMqPassword) ?? "guest",
                node: null,
                isShared: true);
            await external.WaitForManagementAsync(CancellationToken.None);
            return external;
        }

        var node = RabbitMqNode.Create();
        var server = new RabbitMqServer("127.0.0.1", node.AmqpPort, node.ManagementPort, "guest", "guest", node, isShared: true);
        ExitCleanup.Register(server, node.Destroy);
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            ExitCleanup.Unregister(server);
            node.Destroy();
            throw;
        }
    }

    private RabbitMqNode OwnNode(string action) =>
        _node ?? throw new InvalidOperationException($"Cannot {action} an external broker ({Host}:{Port}); use RabbitMqServer.StartDedicatedAsync().");

    private async Task WaitForManagementAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            string problem;
            try
            {
                using var response = await _management.GetAsync("overview", cancellationToken);
                if (response.IsSuccessStatusCode)
                    return;
                problem = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (HttpRequestException ex)
            {
                problem = ex.Message;
            }

            if (DateTimeOffset.UtcNow > deadline)
                throw new InvalidOperationException(
                    $"The RabbitMQ management API at {_management.BaseAddress} does not answer ({problem}).{System.Environment.NewLine}{Output}");
            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync();
        throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {response.ReasonPhrase} {body}");
    }
}
