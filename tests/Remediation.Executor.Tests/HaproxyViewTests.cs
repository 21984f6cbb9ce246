using Remediation.Executor.Drivers;
using Remediation.Executor.Drivers.Haproxy;

namespace Remediation.Executor.Tests;

/// <summary>Reading <c>show servers state</c> as HAProxy 2.6 prints it (texts captured from the real one).</summary>
public sealed class HaproxyViewTests
{
    private const string Header =
        "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change " +
        "srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port " +
        "srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n";

    [Fact]
    public void A_server_disabled_in_the_configuration_and_set_ready_serves_once_its_check_passed()
    {
        var servers = HaproxyView.ParseServersState(Header +
            "3 app 1 blue 127.0.0.1 2 4 1 1 1 6 3 1 6 0 0 0 - 18081 - 0 0 - - 0\n" +
            "3 app 2 green 127.0.0.1 0 1 1 1 0 6 3 0 14 0 0 0 - 18081 - 0 0 - - 0\n", "app");

        var blue = servers.Single(s => s.Name == "blue");
        var green = servers.Single(s => s.Name == "green");
        Assert.True(blue.Serving);
        Assert.False(blue.InMaintenance);
        Assert.True(green.InMaintenance);
        Assert.False(green.Serving);
    }

    [Fact]
    public void A_server_out_of_maintenance_whose_check_failed_does_not_serve()
    {
        var server = Assert.Single(HaproxyView.ParseServersState(Header + "3 app 1 blue 127.0.0.1 0 4 1 1 0 8 2 0 6 0 0 0 - 18089 - 0 0 - - 0\n", "app"));

        Assert.False(server.Serving);
        Assert.False(server.Healthy);
    }

    [Fact]
    public void A_server_read_while_its_check_runs_is_in_service_but_not_counted_as_serving()
    {
        // srv_check_result 0 (unknown): HAProxy resets the result when a check starts, so with checks every 100 ms a read
        // often lands mid-check. The switch's confirmation reads the settings (in service); the wait before it, health.
        var server = Assert.Single(HaproxyView.ParseServersState(Header + "3 app 1 blue 127.0.0.1 2 0 1 1 5 6 0 1 6 0 0 0 - 18081 - 0 0 - - 0\n", "app"));

        Assert.True(server.InService);
        Assert.False(server.Serving);
        Assert.Equal("blue (ready, up, weight 1, check pending)", server.Describe());
    }

    [Fact]
    public void An_unknown_backend_is_not_found()
    {
        var error = Assert.Throws<ExecutorFailureException>(() => HaproxyView.ParseServersState("Can't find backend.\n", "nope"));

        Assert.Equal("not-found", error.Code);
    }
}
