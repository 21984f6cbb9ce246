using System.Net;
using System.Text.Json.Nodes;
using Remediation.Contracts.Deployments;

namespace Remediation.Detector.Tests;

public sealed class DeploymentHookTests
{
    private const string Path = "/api/v1/deployments";

    private const string Hook = """
        { "id": "gha-run-8812", "service": "checkout", "environment": "production", "version": "v2", "revision": "7",
          "image": "registry.example.org/checkout:2.0.0", "commit": "9fceb02", "author": "ana", "description": "New pricing",
          "deployedAt": "2025-05-01T11:56:00Z", "irreversible": true }
        """;

    [Fact]
    public async Task A_deployment_hook_publishes_DeploymentRecorded_with_every_field()
    {
        await using var host = await DetectorHost.StartAsync();

        var response = await host.PostJsonAsync(Path, Hook);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deployment = Assert.Single(host.Published<DeploymentRecorded>());
        Assert.Equal(("production", "checkout", "v2", "7"), (deployment.Environment, deployment.Service, deployment.Version, deployment.Revision!));
        Assert.Equal(("registry.example.org/checkout:2.0.0", "9fceb02", "ana", "New pricing"), (deployment.Image!, deployment.Commit!, deployment.Author!, deployment.Description!));
        Assert.True(deployment.Irreversible);
        Assert.Equal("hook", deployment.Source);
        Assert.Equal(DateTimeOffset.Parse("2025-05-01T11:56:00Z", System.Globalization.CultureInfo.InvariantCulture), deployment.DeployedAt);
        Assert.Equal(deployment.DeploymentId.ToString(), JsonNode.Parse(await response.Content.ReadAsStringAsync())!["deploymentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_re_sent_hook_is_the_same_deployment()
    {
        await using var host = await DetectorHost.StartAsync();

        await host.PostJsonAsync(Path, Hook);
        await host.PostJsonAsync(Path, Hook);

        var ids = host.Published<DeploymentRecorded>().Select(d => d.DeploymentId).Distinct();
        Assert.Single(ids);
    }

    [Fact]
    public async Task A_deployment_of_an_unknown_service_is_refused_with_422()
    {
        await using var host = await DetectorHost.StartAsync();

        var response = await host.PostJsonAsync(Path, """{ "service": "billing", "environment": "production", "version": "v2" }""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Empty(host.Published<DeploymentRecorded>());
    }
}
