using System.Net;
using System.Security.Authentication;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Remediation.Executor.Kubernetes;
using Remediation.Executor.Tests.Support;
using Remediation.Testing.Kubernetes;
using Remediation.Testing.Kubernetes.Cluster;
using Remediation.Testing.Kubernetes.Tls;

namespace Remediation.Executor.Tests;

/// <summary>The executor's own client against the test API server over real TLS.</summary>
public sealed class KubernetesClientTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private KubernetesApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { UseTls = true });
        _server.Cluster.CreateDeployment(new DeploymentSeed("shop", "checkout", "registry.example/checkout:v1") { Version = "v1" });
        _server.Cluster.Deploy("shop", "checkout", "registry.example/checkout:v2", "v2");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    private KubernetesClient Client(string kubeconfig, Action<KubernetesOptions>? configure = null)
    {
        var options = new ExecutorOptions();
        options.Kubernetes.Kubeconfig = _temp.Write($"kubeconfig-{Guid.NewGuid():N}", kubeconfig);
        options.Kubernetes.RetryDelay = TimeSpan.FromMilliseconds(20);
        configure?.Invoke(options.Kubernetes);
        return new KubernetesClientFactory(Options.Create(options), TimeProvider.System).For(null);
    }

    [Fact]
    public async Task A_bearer_token_over_TLS_verified_with_the_clusters_CA_reads_the_Deployment()
    {
        var client = Client(_server.Kubeconfig());

        var deployment = await client.GetDeploymentAsync("shop", "checkout", CancellationToken.None);

        Assert.Equal("checkout", deployment.Metadata.Name);
        Assert.Equal(2, deployment.Revision);
        Assert.Equal("registry.example/checkout:v2", PodTemplates.Image(deployment.Spec.Template, null));
        Assert.Equal("32", (await client.GetVersionAsync(CancellationToken.None)).Minor);
    }

    [Fact]
    public async Task A_client_certificate_authenticates_without_a_token()
    {
        var client = Client(_server.Kubeconfig(clientCertificate: true));

        var deployment = await client.GetDeploymentAsync("shop", "checkout", CancellationToken.None);

        Assert.Equal("checkout", deployment.Metadata.Name);
        Assert.All(_server.Requests, r => Assert.True(r.Authenticated));
    }

    [Fact]
    public async Task A_server_certificate_from_another_authority_is_rejected()
    {
        using var stranger = TestCertificates.Create();
        var kubeconfig = _server.Kubeconfig().Replace(
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(_server.Certificates!.AuthorityPem)),
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(stranger.AuthorityPem)), StringComparison.Ordinal);
        var client = Client(kubeconfig, o => o.ReadAttempts = 1);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetDeploymentAsync("shop", "checkout", CancellationToken.None));

        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_allowed_insecure_cluster_is_reached_without_verifying_its_certificate()
    {
        var kubeconfig = $$"""
            current-context: c
            clusters:
            - { name: k, cluster: { server: "{{_server.Url}}", insecure-skip-tls-verify: true } }
            users:
            - { name: u, user: { token: {{_server.Token}} } }
            contexts:
            - { name: c, context: { cluster: k, user: u } }
            """;
        var client = Client(kubeconfig, o => o.AllowInsecure = true);

        Assert.Equal("checkout", (await client.GetDeploymentAsync("shop", "checkout", CancellationToken.None)).Metadata.Name);
    }

    [Fact]
    public async Task A_wrong_token_surfaces_the_APIs_Unauthorized_status()
    {
        var client = Client(_server.Kubeconfig().Replace(_server.Token, "not-the-token", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.GetDeploymentAsync("shop", "checkout", CancellationToken.None));

        Assert.Equal((HttpStatusCode.Unauthorized, "Unauthorized"), (error.StatusCode, error.Reason));
    }

    [Fact]
    public async Task A_missing_Deployment_surfaces_NotFound_with_the_APIs_message()
    {
        var client = Client(_server.Kubeconfig());

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.GetDeploymentAsync("shop", "payments", CancellationToken.None));

        Assert.True(error.IsNotFound);
        Assert.Equal("NotFound", error.Reason);
        Assert.Equal("deployments.apps \"payments\" not found", error.Message);
    }

    [Fact]
    public async Task Reads_are_retried_on_503_and_429()
    {
        var client = Client(_server.Kubeconfig());
        _server.Faults.Add(Fault.Status("GET", "/deployments/checkout", 503));
        _server.Faults.Add(Fault.Status("GET", "/deployments/checkout", 429));

        var deployment = await client.GetDeploymentAsync("shop", "checkout", CancellationToken.None);

        Assert.Equal("checkout", deployment.Metadata.Name);
        Assert.Equal([503, 429, 200], _server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_patch_with_a_stale_resourceVersion_is_refused_with_Conflict()
    {
        var client = Client(_server.Kubeconfig());
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = "1", ["annotations"] = new JsonObject { ["a"] = "b" } },
        };

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            client.PatchDeploymentAsync("shop", "checkout", patch, KubernetesClient.MergePatch, CancellationToken.None));

        Assert.True(error.IsConflict);
        Assert.Equal("Conflict", error.Reason);
        Assert.Contains("the object has been modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Deployments_ReplicaSets_are_listed_by_its_selector_and_owner()
    {
        var client = Client(_server.Kubeconfig());
        var deployment = await client.GetDeploymentAsync("shop", "checkout", CancellationToken.None);

        var replicaSets = await client.ListOwnedReplicaSetsAsync(deployment, CancellationToken.None);

        Assert.Equal([1L, 2L], replicaSets.Select(rs => rs.Revision).Order());
        Assert.Contains(_server.Requests, r => r.Path == "/apis/apps/v1/namespaces/shop/replicasets" && r.Query == "?labelSelector=app%3Dcheckout");
    }
}
