using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Executor.Drivers.Haproxy;
using Remediation.Executor.Tests.Support;
using Remediation.Testing;

namespace Remediation.Executor.Tests;

/// <summary>
/// The haproxy driver against a real HAProxy 2.6 in front of two or three loopback backends that answer their version:
/// every test proves by real HTTP requests through HAProxy where the traffic goes.
/// </summary>
public sealed class HaproxyDriverTests : IAsyncLifetime, IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _temp = new();
    private readonly List<IAsyncDisposable> _resources = [];
    private VersionServer _v1 = null!;
    private VersionServer _v2 = null!;

    public async Task InitializeAsync()
    {
        _v1 = await VersionServer.StartAsync("v1");
        _v2 = await VersionServer.StartAsync("v2");
        _resources.Add(_v1);
        _resources.Add(_v2);
    }

    public async Task DisposeAsync()
    {
        foreach (var resource in Enumerable.Reverse(_resources))
            await resource.DisposeAsync();
    }

    public void Dispose() => _temp.Dispose();

    private static string Check => "check inter 100ms fall 1 rise 1";

    /// <summary>Blue serves v1 and is out of service (the old colour); green serves v2 and takes the traffic.</summary>
    private async Task<HaproxyFront> BlueGreenAsync(bool unixSocket = false, int? bluePort = null)
    {
        var haproxy = await HaproxyFront.StartAsync($"""
                server blue 127.0.0.1:{bluePort ?? _v1.Port} {Check} disabled
                server green 127.0.0.1:{_v2.Port} {Check}
            """, unixSocket);
        _resources.Add(haproxy);
        await Eventually.UntilAsync(() => haproxy.GetAsync(1), a => a[0] == "v2", Eventually.DefaultTimeout, "green to answer through HAProxy");
        return haproxy;
    }

    private async Task<ExecutorTestHost> ExecutorAsync(string target)
    {
        var settings = ExecutorTestHost.Settings(_temp.File($"executor-{Guid.NewGuid():N}.db"));
        settings["Remediation:Executor:Haproxy:DrainTimeout"] = "00:00:00.500";
        settings["Remediation:Executor:Haproxy:SettleTimeout"] = "00:00:03";
        var host = await ExecutorTestHost.StartAsync($"""
            services:
              - name: checkout
                environment: production
                target:
            {target}
            """, settings);
        _resources.Add(host);
        return host;
    }

    private static string BlueGreenTarget(HaproxyFront haproxy) => $$"""
              driver: haproxy
              backend: app
              runtime: "{{haproxy.Runtime}}"
              failover_to: blue
              versions: { v1: blue, v2: green }
        """;

    private static async Task<IReadOnlyList<HaproxyServer>> ServersAsync(HaproxyFront haproxy) =>
        HaproxyView.ParseServersState(await haproxy.CommandAsync("show servers state app"), "app");

    [Fact]
    public async Task Blue_green_rollback_moves_all_traffic_to_the_previous_colour_and_HAProxy_confirms_it()
    {
        var haproxy = await BlueGreenAsync();
        var host = await ExecutorAsync(BlueGreenTarget(haproxy));
        Assert.All(await haproxy.GetAsync(10), answer => Assert.Equal("v2", answer));

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));

        Assert.Equal(("v2", "v1", "haproxy", false), (completed.FromVersion, completed.ToVersion, completed.Driver, completed.AlreadyAtTarget));
        Assert.All(await haproxy.GetAsync(20), answer => Assert.Equal("v1", answer));
        var servers = await ServersAsync(haproxy);
        Assert.True(servers.Single(s => s.Name == "blue").Serving);
        Assert.True(servers.Single(s => s.Name == "green").InMaintenance);
    }

    [Fact]
    public async Task A_rollback_to_the_version_already_served_over_a_unix_socket_is_AlreadyAtTarget()
    {
        var haproxy = await BlueGreenAsync(unixSocket: true);
        var host = await ExecutorAsync(BlueGreenTarget(haproxy));
        Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));

        var again = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));

        Assert.True(again.AlreadyAtTarget);
        Assert.All(await haproxy.GetAsync(10), answer => Assert.Equal("v1", answer));
    }

    [Fact]
    public async Task A_switch_to_a_server_that_is_down_fails_and_leaves_the_traffic_where_it_was()
    {
        var haproxy = await BlueGreenAsync(bluePort: FreePort.Next());
        var host = await ExecutorAsync(BlueGreenTarget(haproxy));

        var failed = Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));

        Assert.Equal("target-unhealthy", failed.ReasonCode);
        Assert.All(await haproxy.GetAsync(10), answer => Assert.Equal("v2", answer));
        Assert.False((await ServersAsync(haproxy)).Single(s => s.Name == "green").InMaintenance);
    }

    [Fact]
    public async Task A_resumed_switch_that_finds_both_colours_up_completes_it()
    {
        var haproxy = await BlueGreenAsync();
        var host = await ExecutorAsync(BlueGreenTarget(haproxy));
        // An earlier attempt brought blue up and stopped before taking green out.
        Assert.Equal("", (await haproxy.CommandAsync("set server app/blue state ready")).Trim());

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));

        Assert.False(completed.AlreadyAtTarget);
        Assert.All(await haproxy.GetAsync(20), answer => Assert.Equal("v1", answer));
    }

    [Fact]
    public async Task A_version_with_no_server_in_the_versions_map_fails_with_unknown_version()
    {
        var haproxy = await BlueGreenAsync();
        var host = await ExecutorAsync(BlueGreenTarget(haproxy));

        var failed = Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(Messages.Rollback("v0"), None));

        Assert.Equal("unknown-version", failed.ReasonCode);
        Assert.All(await haproxy.GetAsync(5), answer => Assert.Equal("v2", answer));
    }

    [Fact]
    public async Task Canary_abort_gives_the_canary_weight_zero_and_the_stable_server_all_traffic()
    {
        var haproxy = await HaproxyFront.StartAsync($"""
                server stable 127.0.0.1:{_v1.Port} weight 90 {Check}
                server canary 127.0.0.1:{_v2.Port} weight 10 {Check}
            """);
        _resources.Add(haproxy);
        var host = await ExecutorAsync($$"""
                  driver: haproxy
                  mode: canary
                  backend: app
                  runtime: "{{haproxy.Runtime}}"
                  stable: stable
                  canary: canary
                  versions: { v1: stable, v2: canary }
            """);
        await Eventually.UntilAsync(() => haproxy.GetAsync(20), a => a.Contains("v2"), Eventually.DefaultTimeout, "the canary to take its share of traffic");

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1"), None));

        Assert.Equal(("v2", "v1", false), (completed.FromVersion, completed.ToVersion, completed.AlreadyAtTarget));
        Assert.All(await haproxy.GetAsync(40), answer => Assert.Equal("v1", answer));
        Assert.Equal(0, (await ServersAsync(haproxy)).Single(s => s.Name == "canary").UserWeight);
    }

    [Fact]
    public async Task Failover_runbook_action_moves_the_traffic_to_the_failover_server()
    {
        await using var standby = await VersionServer.StartAsync("v2-standby");
        var haproxy = await HaproxyFront.StartAsync($"""
                server primary 127.0.0.1:{_v2.Port} {Check}
                server blue 127.0.0.1:{standby.Port} {Check} disabled
                server other 127.0.0.1:{_v1.Port} {Check} disabled
            """);
        _resources.Add(haproxy);
        var host = await ExecutorAsync(BlueGreenTarget(haproxy).Replace("{ v1: blue, v2: green }", "{ v2: primary }", StringComparison.Ordinal));

        var completed = Assert.IsType<RemediationCompleted>(await host.Executor.RemediateAsync(Messages.Remediation("failover"), None));

        Assert.Contains("failed over from primary to blue", completed.Details, StringComparison.Ordinal);
        Assert.All(await haproxy.GetAsync(20), answer => Assert.Equal("v2-standby", answer));
    }
}
