using System.Net;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Fixtures;

public sealed class ProcessFixtureTests
{
    [Fact]
    public async Task Haproxy_serves_its_configuration_and_answers_the_runtime_api()
    {
        var port = FreePort.Next();
        await using var haproxy = await HaproxyProcess.StartAsync($"""
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend web
                bind 127.0.0.1:{port}
                http-request return status 200 content-type text/plain string ok
            backend app
                server blue 127.0.0.1:1 disabled
                server green 127.0.0.1:2
            """);

        using var http = new HttpClient();
        Assert.Equal("ok", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")));
        var state = await haproxy.SendCommandAsync("show servers state app");
        Assert.Contains("blue", state, StringComparison.Ordinal);
        Assert.Contains("green", state, StringComparison.Ordinal);
        Assert.True(File.Exists(haproxy.RuntimeSocketPath));
    }

    [Fact]
    public async Task Haproxy_with_a_bad_configuration_fails_fast_with_its_output()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => HaproxyProcess.StartAsync("frontend broken\n    no-such-keyword here\n"));
        Assert.Contains("no-such-keyword", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_and_alertmanager_start_ready_on_loopback()
    {
        await using var alertmanager = await AlertmanagerProcess.StartAsync("""
            route:
              receiver: none
            receivers:
              - name: none
            """);
        await using var prometheus = await PrometheusProcess.StartAsync($$"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: [rules.yml]
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ["127.0.0.1:{{alertmanager.Port}}"]
            """, new Dictionary<string, string>
        {
            ["rules.yml"] = """
                groups:
                  - name: test
                    rules:
                      - alert: Always
                        expr: vector(1)
                """,
        }, ["--rules.alert.resend-delay=1s"]);

        using var http = new HttpClient();
        var rules = await http.GetStringAsync(new Uri(prometheus.Url, "api/v1/rules"));
        Assert.Contains("Always", rules, StringComparison.Ordinal);
        await Eventually.UntilAsync(async () => (await http.GetStringAsync(new Uri(alertmanager.Url, "api/v2/alerts"))).Contains("Always", StringComparison.Ordinal),
            Eventually.DefaultTimeout, "Prometheus' alert delivered to Alertmanager");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(alertmanager.Url, "-/ready"))).StatusCode);
    }
}
