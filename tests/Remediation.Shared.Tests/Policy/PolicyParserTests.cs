using Remediation.Contracts.Signals;
using Remediation.Policy;
using Remediation.Policy.Parsing;

namespace Remediation.Shared.Tests.Policy;

public sealed class PolicyParserTests
{
    private const string File = "policy.yaml";

    [Fact]
    public void Example_policy_in_infra_parses_with_defaults_applied()
    {
        var path = RepositoryFiles.PathOf("infra/policy/policy.yaml");

        var document = PolicyParser.ParseFile(path);

        Assert.Equal(path, document.Source);
        Assert.Equal(5, document.Services.Count);
        var checkout = document.Find("production", "checkout")!;
        Assert.Equal(("kubernetes", "shop", "checkout"), (checkout.Target.Driver, checkout.Target.Require("namespace"), checkout.Target.Require("deployment")));
        Assert.Equal((2, 0.05), (checkout.Detection.Quorum, checkout.Detection.Thresholds["error_rate"].Value));
        Assert.Equal(SignalDirection.Below, checkout.Detection.Thresholds["quality_score"].Direction);
        Assert.Equal(TimeSpan.FromMinutes(30), checkout.Rollback.Window);
        Assert.Equal(["restart", "scale", "notify"], checkout.Runbook.Steps.Select(s => s.Action));
        Assert.Single(checkout.Detection.Checks);

        var web = document.Find("Production", "WEB")!;
        Assert.Equal((1, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5)), (web.Detection.Quorum, web.Rollback.VerifyFor, web.Rollback.Cooldown));
        Assert.Equal("green", web.Target.Versions["v2"]);

        var shop = document.Find("production", "shop")!;
        Assert.Equal(("haproxy", "tcp://haproxy:9999", "shop"), (shop.Target.Driver, shop.Target.Require("runtime"), shop.Target.Require("backend")));
        Assert.Equal(["s0", "s1", "s2"], shop.Target.Versions.Values.Order(StringComparer.Ordinal));

        Assert.Equal((ApprovalMode.Manual, 1), (document.Find("production", "payments")!.Rollback.Approval, document.Find("production", "payments")!.Rollback.MaxDepth));
        var search = document.Find("staging", "search")!;
        Assert.Equal((ApprovalMode.Shadow, "none"), (search.Rollback.Approval, search.Target.Driver));
        Assert.Equal(["webhook"], search.Notify.ChannelsFor(Severity.Minor));
        Assert.Equal(["pagerduty", "statuspage"], search.Notify.ChannelsFor(Severity.Critical));
        Assert.Equal(["pagerduty", "statuspage"], checkout.Notify.ChannelsFor(Severity.Critical));
        Assert.Null(document.Find("staging", "checkout"));
    }

    [Theory]
    [InlineData("""
        services:
          - name: checkout
            environment: production
            target: { driver: none }
            retry: 3
        """, 5, "services[0].retry", "unknown key")]
    [InlineData("""
        services:
          - name: checkout
            environment: production
            target: { driver: none }
            rollback:
              window: 5 minutes
        """, 6, "services[0].rollback.window", "'5 minutes' is not a duration")]
    [InlineData("""
        services:
          - name: checkout
            environment: production
            target: { driver: none }
            rollback: { window: 9999999999999d }
        """, 5, "services[0].rollback.window", "is not a duration")]
    [InlineData("""
        services:
          - name: checkout
            environment: production
        """, 2, "services[0].target", "is required")]
    [InlineData("""
        services:
          - name: checkout
            environment: production
            target:
              driver: kubernetes
              namespace: shop
        """, 5, "services[0].target.deployment", "is required for the kubernetes driver")]
    [InlineData("""
        services:
          - name: checkout
            environment: production
            target: { driver: nomad }
        """, 4, "services[0].target.driver", "'nomad' is not a driver")]
    [InlineData("""
        services:
          - name: checkout
            environment: production
            target: { driver: none }
            detection: { quorum: 0 }
        """, 5, "services[0].detection.quorum", "0 is out of range")]
    [InlineData("""
        services:
          - name: checkout
            environment: production
            target: { driver: none }
            detection:
              thresholds:
                error_rate: lots
        """, 7, "services[0].detection.thresholds.error_rate", "'lots' is not a number")]
    [InlineData("""
        services:
          - name: checkout
            environment: production
            target: { driver: none }
            rollback: { approval: sometimes }
        """, 5, "services[0].rollback.approval", "'sometimes' is not one of: auto, manual, shadow")]
    [InlineData("""
        services:
          - name: web
            environment: production
            target: { driver: haproxy, backend: web }
        """, 4, "services[0].target.versions", "is required for the haproxy driver")]
    [InlineData("""
        services:
          - name: checkout
            environment: production
            target: { driver: none }
            runbook:
              steps: [reboot]
        """, 6, "services[0].runbook.steps[0]", "'reboot' is not an action")]
    [InlineData("""
        services:
          - name: checkout
            environment: production
            target: { driver: none }
          - name: Checkout
            environment: Production
            target: { driver: none }
        """, 5, "services[1]", "production/checkout is already defined at line 2")]
    [InlineData("""
        services:
          - name: checkout
            target: { driver: none }
        """, 2, "services[0].environment", "is required (here or in defaults)")]
    [InlineData("""
        defaults:
          rollback: { cooldown: soon }
        services: []
        """, 2, "defaults.rollback.cooldown", "'soon' is not a duration")]
    [InlineData("""
        services:
          - name: checkout
            environment: production
            target: { driver: webhook, url: "not a url" }
        """, 4, "services[0].target.url", "is not an absolute http(s) URL")]
    [InlineData("""
        services:
          - name: checkout
            environment: [production
        """, 4, "(yaml)", "")]
    public void Each_kind_of_error_is_reported_with_file_line_path_and_reason(string yaml, int line, string path, string reason)
    {
        var failure = Assert.Throws<PolicyValidationException>(() => PolicyParser.Parse(yaml, File));

        var error = Assert.Single(failure.Errors);
        Assert.Equal((File, line, path), (error.File, error.Line, error.Path));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Contains($"{File}:{line}:", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once_in_file_order()
    {
        const string yaml = """
            services:
              - name: checkout
                environment: production
                target: { driver: kubernetes, namespace: shop, deployment: checkout }
                rollback: { window: later, max_depth: 99 }
                colour: blue
              - name: web
                environment: production
            """;

        var failure = Assert.Throws<PolicyValidationException>(() => PolicyParser.Parse(yaml, File));

        Assert.Equal(
            [(5, "services[0].rollback.window"), (5, "services[0].rollback.max_depth"), (6, "services[0].colour"), (7, "services[1].target")],
            failure.Errors.Select(e => (e.Line, e.Path)));
    }

    [Fact]
    public void Empty_or_non_mapping_document_is_an_error_at_its_root()
    {
        var empty = Assert.Throws<PolicyValidationException>(() => PolicyParser.Parse("", File));
        var list = Assert.Throws<PolicyValidationException>(() => PolicyParser.Parse("- a\n- b\n", File));

        Assert.Equal("(root)", Assert.Single(empty.Errors).Path);
        Assert.Equal("(root)", Assert.Single(list.Errors).Path);
    }
}
