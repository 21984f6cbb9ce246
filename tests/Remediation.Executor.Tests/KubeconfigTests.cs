using System.Text;
using Remediation.Executor.Kubernetes;
using Remediation.Executor.Tests.Support;
using Remediation.Testing.Kubernetes.Tls;

namespace Remediation.Executor.Tests;

public sealed class KubeconfigTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly TestCertificates _certificates = TestCertificates.Create();

    public void Dispose()
    {
        _certificates.Dispose();
        _temp.Dispose();
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static KubernetesOptions Options(string? path = null, bool allowInsecure = false) => new() { Kubeconfig = path, AllowInsecure = allowInsecure };

    [Fact]
    public void The_current_context_gives_the_server_token_namespace_and_embedded_CA()
    {
        var config = Kubeconfig.Parse($$"""
            apiVersion: v1
            kind: Config
            current-context: prod
            clusters:
            - name: prod-cluster
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: {{B64(_certificates.AuthorityPem)}}
            - name: staging-cluster
              cluster:
                server: https://10.0.0.2:6443
            users:
            - name: deployer
              user:
                token: abc.def
            contexts:
            - name: prod
              context: { cluster: prod-cluster, user: deployer, namespace: shop }
            - name: staging
              context: { cluster: staging-cluster, user: deployer }
            """);

        var connection = KubernetesConnectionResolver.FromKubeconfig(config, null, Options());

        Assert.Equal(new Uri("https://10.0.0.1:6443"), connection.Server);
        Assert.Equal("abc.def", connection.Token);
        Assert.Equal("shop", connection.Namespace);
        Assert.Equal(_certificates.Authority.Thumbprint, Assert.Single(connection.Authorities).Thumbprint);
        Assert.Null(connection.ClientCertificate);
        Assert.DoesNotContain("abc.def", connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_context_wins_over_the_current_context()
    {
        var config = Kubeconfig.Parse("""
            current-context: prod
            clusters:
            - { name: a, cluster: { server: "https://a.example:6443" } }
            - { name: b, cluster: { server: "https://b.example:6443" } }
            users:
            - { name: u, user: { token: t } }
            contexts:
            - { name: prod, context: { cluster: a, user: u } }
            - { name: staging, context: { cluster: b, user: u } }
            """);

        Assert.Equal("b.example", KubernetesConnectionResolver.FromKubeconfig(config, "staging", Options()).Server.Host);
    }

    [Fact]
    public void Token_file_and_CA_file_paths_are_read_relative_to_the_kubeconfig()
    {
        _temp.Write("token", "from-file\n");
        _temp.Write("ca.pem", _certificates.AuthorityPem);
        var path = _temp.Write("kubeconfig", """
            current-context: c
            clusters:
            - { name: k, cluster: { server: "https://k.example", certificate-authority: ca.pem } }
            users:
            - { name: u, user: { tokenFile: token } }
            contexts:
            - { name: c, context: { cluster: k, user: u } }
            """);

        var connection = KubernetesConnectionResolver.Resolve(Options(path));

        Assert.Equal(_temp.File("token"), connection.TokenFile);
        Assert.Null(connection.Token);
        Assert.Single(connection.Authorities);
    }

    [Fact]
    public void Client_certificate_and_key_data_give_a_certificate_with_its_private_key()
    {
        var config = Kubeconfig.Parse($$"""
            current-context: c
            clusters:
            - { name: k, cluster: { server: "https://k.example" } }
            users:
            - name: admin
              user:
                client-certificate-data: {{B64(_certificates.ClientCertificatePem)}}
                client-key-data: {{B64(_certificates.ClientKeyPem)}}
            contexts:
            - { name: c, context: { cluster: k, user: admin } }
            """);

        using var certificate = KubernetesConnectionResolver.FromKubeconfig(config, null, Options()).ClientCertificate;

        Assert.NotNull(certificate);
        Assert.True(certificate.HasPrivateKey);
        Assert.Contains(TestCertificates.ClientUser, certificate.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_certificate_and_key_files_are_read()
    {
        _temp.Write("client.crt", _certificates.ClientCertificatePem);
        _temp.Write("client.key", _certificates.ClientKeyPem);
        var path = _temp.Write("kubeconfig", """
            current-context: c
            clusters:
            - { name: k, cluster: { server: "https://k.example" } }
            users:
            - { name: admin, user: { client-certificate: client.crt, client-key: client.key } }
            contexts:
            - { name: c, context: { cluster: k, user: admin } }
            """);

        using var certificate = KubernetesConnectionResolver.Resolve(Options(path)).ClientCertificate;

        Assert.True(certificate?.HasPrivateKey);
    }

    [Fact]
    public void A_client_certificate_without_its_key_is_refused()
    {
        var config = Kubeconfig.Parse($$"""
            current-context: c
            clusters:
            - { name: k, cluster: { server: "https://k.example" } }
            users:
            - { name: admin, user: { client-certificate-data: {{B64(_certificates.ClientCertificatePem)}} } }
            contexts:
            - { name: c, context: { cluster: k, user: admin } }
            """);

        var error = Assert.Throws<KubeconfigException>(() => KubernetesConnectionResolver.FromKubeconfig(config, null, Options()));
        Assert.Contains("without its key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insecure_skip_tls_verify_is_refused_unless_the_executor_allows_it()
    {
        var config = Kubeconfig.Parse("""
            current-context: c
            clusters:
            - { name: k, cluster: { server: "https://k.example", insecure-skip-tls-verify: true } }
            users:
            - { name: u, user: { token: t } }
            contexts:
            - { name: c, context: { cluster: k, user: u } }
            """);

        var error = Assert.Throws<KubeconfigException>(() => KubernetesConnectionResolver.FromKubeconfig(config, null, Options()));
        Assert.Contains("insecure-skip-tls-verify", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowInsecure", error.Message, StringComparison.Ordinal);
        Assert.True(KubernetesConnectionResolver.FromKubeconfig(config, null, Options(allowInsecure: true)).Insecure);
    }

    [Theory]
    [InlineData("exec: { command: aws, apiVersion: client.authentication.k8s.io/v1beta1 }", "exec credential plugin")]
    [InlineData("auth-provider: { name: gcp }", "auth-provider")]
    public void Credential_plugins_are_refused_with_the_reason(string user, string expected)
    {
        var config = Kubeconfig.Parse($$"""
            current-context: c
            clusters:
            - { name: k, cluster: { server: "https://k.example" } }
            users:
            - { name: u, user: { {{user}} } }
            contexts:
            - { name: c, context: { cluster: k, user: u } }
            """);

        var error = Assert.Throws<KubeconfigException>(() => KubernetesConnectionResolver.FromKubeconfig(config, null, Options()));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_context_is_named_with_the_contexts_there_are()
    {
        var config = Kubeconfig.Parse("""
            clusters:
            - { name: k, cluster: { server: "https://k.example" } }
            contexts:
            - { name: prod, context: { cluster: k, user: u } }
            """);

        var error = Assert.Throws<KubeconfigException>(() => KubernetesConnectionResolver.FromKubeconfig(config, "stagin", Options()));
        Assert.Contains("'stagin'", error.Message, StringComparison.Ordinal);
        Assert.Contains("prod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_YAML_is_reported_with_its_line()
    {
        var path = _temp.Write("kubeconfig", "clusters:\n  - name: [unclosed\n");

        var error = Assert.Throws<KubeconfigException>(() => KubernetesConnectionResolver.Resolve(Options(path)));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KUBECONFIG_is_used_when_no_path_is_configured()
    {
        var path = _temp.Write("config", """
            current-context: c
            clusters: [ { name: k, cluster: { server: "https://from-env.example" } } ]
            contexts: [ { name: c, context: { cluster: k, user: u } } ]
            """);
        var environment = new Dictionary<string, string?> { ["KUBECONFIG"] = $"{path}:/nowhere/else" };

        var connection = KubernetesConnectionResolver.Resolve(Options(), null, name => environment.GetValueOrDefault(name));

        Assert.Equal("from-env.example", connection.Server.Host);
    }

    [Fact]
    public void In_cluster_reads_the_service_host_and_the_mounted_token_CA_and_namespace()
    {
        _temp.Write("token", "sa-token");
        _temp.Write("ca.crt", _certificates.AuthorityPem);
        _temp.Write("namespace", "shop\n");
        var environment = new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };
        var options = new KubernetesOptions { InCluster = true, ServiceAccountPath = _temp.Path };

        var connection = KubernetesConnectionResolver.Resolve(options, null, name => environment.GetValueOrDefault(name));

        Assert.Equal(new Uri("https://10.96.0.1:443"), connection.Server);
        Assert.Equal(_temp.File("token"), connection.TokenFile);
        Assert.Equal("shop", connection.Namespace);
        Assert.Single(connection.Authorities);
    }

    [Fact]
    public void In_cluster_outside_a_pod_is_refused_with_the_reason()
    {
        var error = Assert.Throws<KubeconfigException>(() =>
            KubernetesConnectionResolver.Resolve(new KubernetesOptions { InCluster = true, ServiceAccountPath = _temp.Path }, null, _ => null));

        Assert.Contains("KUBERNETES_SERVICE_HOST", error.Message, StringComparison.Ordinal);
    }
}
