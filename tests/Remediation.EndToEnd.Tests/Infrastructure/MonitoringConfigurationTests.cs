using Remediation.EndToEnd.Tests.Stack;
using Remediation.Policy.Parsing;
using Remediation.Testing;
using YamlDotNet.RepresentationModel;

namespace Remediation.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The monitoring configuration under infra/ (HAProxy, Prometheus and its rules, Alertmanager) as each stack renders it,
/// checked by the tools themselves (haproxy -c, promtool, amtool), and the contract between the alert rules, the
/// detector's label mapping and the policy's thresholds.
/// </summary>
public sealed class MonitoringConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("remediation-config-").FullName;

    /// <summary>Prometheus settings of the three stacks: end-to-end test, docker-compose.yml, infra/local/up.sh.</summary>
    public static TheoryData<string, string, string> Intervals => new()
    {
        { "1s", "1s", "5s" },
        { "5s", "5s", "20s" },
        { "5s", "5s", "25s" },
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    public async Task Prometheus_configuration_and_rules_pass_promtool_as_the_stacks_render_them(string scrape, string evaluation, string window)
    {
        var config = Path.Combine(_directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, ConfigTemplate.Render("infra/monitoring/prometheus.yml", new Dictionary<string, string>
        {
            ["SCRAPE_INTERVAL"] = scrape, ["EVALUATION_INTERVAL"] = evaluation, ["TARGETS_DIR"] = Repository.PathOf("infra/monitoring/targets-compose"),
        }));
        await File.WriteAllTextAsync(Path.Combine(_directory, "rules.yml"),
            ConfigTemplate.Render("infra/monitoring/rules.yml", new Dictionary<string, string> { ["RATE_WINDOW"] = window }));

        var checkConfig = await ExternalProcess.RunAsync("promtool", ["check", "config", config]);
        var checkRules = await ExternalProcess.RunAsync("promtool", ["check", "rules", Path.Combine(_directory, "rules.yml")]);

        Assert.True(checkConfig.Succeeded, checkConfig.Output);
        Assert.Contains("SUCCESS: 1 rule files found", checkConfig.Output, StringComparison.Ordinal);
        Assert.True(checkRules.Succeeded, checkRules.Output);
        Assert.Contains("SUCCESS: 4 rules found", checkRules.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Alert_rules_carry_the_labels_the_detector_maps_and_the_thresholds_of_the_shop_policy()
    {
        var rules = Yaml.Document(ConfigTemplate.Render("infra/monitoring/rules.yml", new Dictionary<string, string> { ["RATE_WINDOW"] = "5s" }));
        var alerts = rules.Sequence("groups").SelectMany(g => g.Sequence("rules")).Where(r => r.Scalar("alert") is not null).ToList();
        var shop = PolicyParser.ParseFile(Repository.PathOf("infra/policy/policy.yaml")).Find("production", "shop")!;

        Assert.Equal(["error_rate", "latency_p99_ms"], alerts.Select(a => a.Scalar("labels", "signal")));
        Assert.All(alerts, a =>
        {
            Assert.Contains(a.Scalar("labels", "severity"), new[] { "critical", "major", "minor" });
            Assert.Equal("{{ $value }}", a.Scalar("annotations", "value"));
            var signal = a.Scalar("labels", "signal")!;
            var threshold = double.Parse(a.Scalar("annotations", "threshold")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(shop.Detection.Thresholds[signal].Value, threshold);
            Assert.Contains($"> {a.Scalar("annotations", "threshold")}", a.Scalar("expr"), StringComparison.Ordinal);
        });
        // Service and environment come from the series: every recorded signal keeps them.
        Assert.All(rules.Sequence("groups").SelectMany(g => g.Sequence("rules")).Where(r => r.Scalar("record") is not null),
            r => Assert.Contains("by (environment, service", r.Scalar("expr"), StringComparison.Ordinal));
        Assert.Equal(2, shop.Detection.Quorum);
    }

    [Fact]
    public async Task Alertmanager_configuration_passes_amtool_and_sends_to_the_detector_with_a_bearer_token_file()
    {
        var token = Path.Combine(_directory, "ingest-token");
        await File.WriteAllTextAsync(token, "token-of-the-ingest-role");
        var text = ConfigTemplate.Render("infra/monitoring/alertmanager.yml", new Dictionary<string, string>
        {
            ["DETECTOR_URL"] = "http://detector:8080", ["INGEST_TOKEN_FILE"] = token, ["GROUP_WAIT"] = "1s", ["GROUP_INTERVAL"] = "5s",
        });
        var config = Path.Combine(_directory, "alertmanager.yml");
        await File.WriteAllTextAsync(config, text);

        var check = await ExternalProcess.RunAsync("amtool", ["check-config", config]);

        Assert.True(check.Succeeded, check.Output);
        var webhook = Yaml.Document(text).Sequence("receivers").Single().Sequence("webhook_configs").Single();
        Assert.Equal("http://detector:8080/api/v1/alerts/alertmanager", webhook.Scalar("url"));
        Assert.Equal("true", webhook.Scalar("send_resolved"));
        Assert.Equal(("Bearer", token), (webhook.Scalar("http_config", "authorization", "type"), webhook.Scalar("http_config", "authorization", "credentials_file")));
        Assert.Equal(["environment", "service"], Yaml.Document(text).Scalars("route", "group_by"));
    }

    [Fact]
    public async Task HAProxy_configuration_is_valid_with_the_addresses_from_the_environment()
    {
        var check = await ExternalProcess.RunAsync("haproxy", ["-c", "-f", Repository.PathOf("infra/haproxy/haproxy.cfg")], new Dictionary<string, string?>
        {
            ["SHOP_BIND"] = "127.0.0.1:18080", ["METRICS_BIND"] = "127.0.0.1:18404", ["RUNTIME_API_BIND"] = "ipv4@127.0.0.1:19999",
            ["SHOP_V0"] = "127.0.0.1:18100", ["SHOP_V1"] = "127.0.0.1:18101", ["SHOP_V2"] = "127.0.0.1:18102",
        });

        Assert.True(check.Succeeded, check.Output);
        Assert.Contains("Configuration file is valid", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_script_fills_in_the_environment_like_the_test_does_and_refuses_a_missing_value()
    {
        var output = Path.Combine(_directory, "rules.yml");
        var rendered = await ExternalProcess.RunAsync("sh", [Repository.PathOf("infra/monitoring/render.sh"), Repository.PathOf("infra/monitoring/rules.yml"), output],
            new Dictionary<string, string?> { ["RATE_WINDOW"] = "7s" });
        var missing = await ExternalProcess.RunAsync("sh", [Repository.PathOf("infra/monitoring/render.sh"), Repository.PathOf("infra/monitoring/alertmanager.yml"),
            Path.Combine(_directory, "alertmanager.yml")], new Dictionary<string, string?> { ["DETECTOR_URL"] = "http://x", ["GROUP_WAIT"] = null });

        Assert.True(rendered.Succeeded, rendered.Output);
        Assert.Equal(ConfigTemplate.Render("infra/monitoring/rules.yml", new Dictionary<string, string> { ["RATE_WINDOW"] = "7s" }), await File.ReadAllTextAsync(output));
        Assert.False(missing.Succeeded);
        Assert.Contains("${GROUP_WAIT} is not set", missing.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "alertmanager.yml")), "nothing is written when a value is missing");
    }

    [Fact]
    public void Compose_stack_gives_every_template_its_values_and_scrapes_its_own_services()
    {
        var compose = Yaml.Document(File.ReadAllText(Repository.PathOf("docker-compose.yml")));
        var services = (YamlMappingNode)compose.Find("services")!;
        var haproxy = ((YamlMappingNode)services["haproxy"]).Find("environment") as YamlMappingNode;
        var prometheus = ((YamlMappingNode)services["prometheus"]).Find("environment") as YamlMappingNode;
        var alertmanager = ((YamlMappingNode)services["alertmanager"]).Find("environment") as YamlMappingNode;

        Assert.Superset(HaproxyVariables.ToHashSet(StringComparer.Ordinal), haproxy!.Children.Keys.Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal));
        Assert.Superset(ConfigTemplate.Placeholders("infra/monitoring/prometheus.yml").Union(ConfigTemplate.Placeholders("infra/monitoring/rules.yml")).ToHashSet(),
            prometheus!.Children.Keys.Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal));
        Assert.Superset(ConfigTemplate.Placeholders("infra/monitoring/alertmanager.yml").ToHashSet(),
            alertmanager!.Children.Keys.Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal));

        var scraped = Directory.GetFiles(Repository.PathOf("infra/monitoring/targets-compose"), "*.yml")
            .SelectMany(ParseList)
            .SelectMany(g => g.Scalars("targets"))
            .Select(t => t.Split(':')[0])
            .ToList();
        Assert.Equal(["alertmanager", "haproxy", "shop-v0", "shop-v1", "shop-v2"], scraped.Order(StringComparer.Ordinal));
        Assert.All(scraped, host => Assert.True(services.Children.ContainsKey(new YamlScalarNode(host)), $"{host} is not a compose service"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly string[] HaproxyVariables = ["SHOP_BIND", "METRICS_BIND", "RUNTIME_API_BIND", "SHOP_V0", "SHOP_V1", "SHOP_V2"];

    /// <summary>A file_sd file: a YAML list of target groups.</summary>
    private static IEnumerable<YamlNode> ParseList(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path)))
            stream.Load(reader);
        return stream.Documents.Single().RootNode is YamlSequenceNode groups ? groups.Children : [];
    }
}
