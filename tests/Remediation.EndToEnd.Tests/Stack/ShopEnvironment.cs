using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Remediation.Testing;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>
/// One environment of the sample shop: a process per version (v0, v1, v2) behind its own HAProxy, configured from
/// infra/haproxy/haproxy.cfg with one server per version (s0, s1, s2) and a Runtime API. It deploys the way a CD system
/// does (switch HAProxy to the new version, then post the deployment hook to the detector) and reads HAProxy's own view.
/// </summary>
public sealed class ShopEnvironment : IAsyncDisposable
{
    public const string Service = "shop";
    public const string Backend = "shop";

    private readonly Dictionary<string, ProgramProcess> _versions = new(StringComparer.Ordinal);
    private readonly string _adminToken = $"admin-{Guid.NewGuid():N}";
    private HaproxyProcess? _haproxy;

    /// <summary>An environment whose addresses are chosen (so the policy can name them) but which is not started yet.</summary>
    public ShopEnvironment(string name)
    {
        Name = name;
        Frontend = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        Metrics = $"127.0.0.1:{FreePort.Next()}";
        RuntimeApi = $"127.0.0.1:{FreePort.Next()}";
        VersionPorts = Versions.ToDictionary(v => v, _ => FreePort.Next(), StringComparer.Ordinal);
    }

    /// <summary>The port each version's process listens on.</summary>
    public IReadOnlyDictionary<string, int> VersionPorts { get; }

    /// <summary>The environment's name, as the policy, the alerts and the deployment hooks give it.</summary>
    public string Name { get; }

    public HaproxyProcess Haproxy => _haproxy ?? throw new InvalidOperationException($"{Name} is not started.");

    /// <summary>Where users (the load generator) reach the shop.</summary>
    public Uri Frontend { get; }

    /// <summary>HAProxy's Prometheus exporter, host:port.</summary>
    public string Metrics { get; }

    /// <summary>HAProxy's Runtime API (admin level) on TCP, host:port: what the executor's haproxy driver uses.</summary>
    public string RuntimeApi { get; }

    public static IReadOnlyList<string> Versions { get; } = ["v0", "v1", "v2"];

    public static string ServerOf(string version) => "s" + version[1..];

    /// <summary>
    /// Starts the versions (with the error ratio and latency each begins with) and HAProxy in front of them, and waits
    /// until they answer. HAProxy sees s0 in service and s1, s2 in maintenance, as infra/haproxy/haproxy.cfg starts.
    /// </summary>
    public async Task StartAsync(IReadOnlyDictionary<string, (double ErrorRatio, int LatencyMs)> behaviour, OrphanGuard guard)
    {
        foreach (var version in Versions)
        {
            var (ratio, latency) = behaviour[version];
            _versions[version] = ProgramProcess.Start($"shop {version} ({Name})", Repository.SampleService, new Dictionary<string, string?>
            {
                ["Sample__Role"] = "service",
                ["Sample__Service"] = Service,
                ["Sample__Version"] = version,
                ["Sample__ErrorRatio"] = ratio.ToString(CultureInfo.InvariantCulture),
                ["Sample__LatencyMs"] = latency.ToString(CultureInfo.InvariantCulture),
                ["Sample__AdminToken"] = _adminToken,
            }, guard, VersionPorts[version]);
        }

        var configuration = ConfigTemplate.Render("infra/haproxy/haproxy.cfg", new Dictionary<string, string>
        {
            ["SHOP_BIND"] = Frontend.Authority,
            ["METRICS_BIND"] = Metrics,
            ["RUNTIME_API_BIND"] = $"ipv4@{RuntimeApi}",
            ["SHOP_V0"] = _versions["v0"].Url.Authority,
            ["SHOP_V1"] = _versions["v1"].Url.Authority,
            ["SHOP_V2"] = _versions["v2"].Url.Authority,
        });
        _haproxy = await HaproxyProcess.StartAsync(configuration);
        await Task.WhenAll(_versions.Values.Select(p => p.WaitReadyAsync("health", TimeSpan.FromMinutes(3))));
    }

    /// <summary>
    /// Deploys <paramref name="version"/> as a CD system does with blue/green: its server is put in service, once HAProxy
    /// sees it up the others go to maintenance, and the deployment hook is posted. Returns the time traffic moved.
    /// </summary>
    public async Task<DateTimeOffset> DeployAsync(RemediationClients remediation, string version)
    {
        var server = ServerOf(version);
        await Haproxy.SendCommandAsync($"set server {Backend}/{server} state ready");
        await Eventually.UntilAsync(ServersAsync, s => s.Single(x => x.Name == server).Serving, TimeSpan.FromSeconds(30),
            $"HAProxy in {Name} to see {server} ({version}) up");
        foreach (var other in (await ServersAsync()).Where(s => s.Name != server && !s.InMaintenance))
            await Haproxy.SendCommandAsync($"set server {Backend}/{other.Name} state maint");
        var deployedAt = DateTimeOffset.UtcNow;

        await remediation.PostDeploymentAsync(Name, Service, version, deployedAt);
        return deployedAt;
    }

    /// <summary>Changes how a version behaves from now on (a version that was healthy can turn bad).</summary>
    public async Task SetBehaviourAsync(string version, double errorRatio, int latencyMs)
    {
        using var http = new HttpClient { BaseAddress = _versions[version].Url, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Put, "admin/behaviour")
        {
            Content = JsonContent.Create(new { errorRatio, latencyMs }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>HAProxy's own view of the shop's servers.</summary>
    public async Task<IReadOnlyList<ServerState>> ServersAsync() =>
        ServerState.Parse(await Haproxy.SendCommandAsync($"show servers state {Backend}"));

    /// <summary>HAProxy's count of what users got from the shop.</summary>
    public async Task<BackendCounters> CountersAsync() =>
        BackendCounters.Parse(await Haproxy.SendCommandAsync("show stat"), Backend);

    /// <summary>The only server taking traffic, as HAProxy sees it (null when none or several are).</summary>
    public async Task<string?> ServingVersionAsync()
    {
        var serving = (await ServersAsync()).Where(s => s.Serving).ToList();
        return serving.Count == 1 ? "v" + serving[0].Name[1..] : null;
    }

    public string Describe() =>
        string.Join(System.Environment.NewLine, _versions.Select(v => $"--- {v.Value.Name}:{System.Environment.NewLine}{Tail(v.Value.Output, 20)}")
            .Append($"--- haproxy ({Name}):{System.Environment.NewLine}{Tail(_haproxy?.Output ?? "", 20)}"));

    public async ValueTask DisposeAsync()
    {
        if (_haproxy is not null)
            await _haproxy.DisposeAsync();
        foreach (var process in _versions.Values)
            await process.DisposeAsync();
    }

    internal static string Tail(string text, int lines) =>
        string.Join(System.Environment.NewLine, text.Split(System.Environment.NewLine).TakeLast(lines));
}
