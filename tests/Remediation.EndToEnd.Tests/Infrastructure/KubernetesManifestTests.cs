using Remediation.EndToEnd.Tests.Stack;
using Remediation.Policy.Parsing;
using Remediation.Testing;
using Remediation.Testing.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Remediation.EndToEnd.Tests.Infrastructure;

/// <summary>
/// infra/k8s as kubectl renders it (kubectl kustomize, offline): the objects we say it holds, the probes, the identities
/// and secrets each Deployment uses, and least-privilege RBAC for the executor: only get, list, watch and patch on
/// Deployments and ReplicaSets, only in the namespaces its policy names, through Roles (no ClusterRole).
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string[] Services = ["detector", "decision", "executor", "notifier", "postmortem"];

    private static readonly Lazy<Task<IReadOnlyList<YamlMappingNode>>> Rendered = new(RenderAsync);

    [Fact]
    public async Task Kustomization_renders_the_namespace_five_services_their_identities_configuration_and_executor_rbac()
    {
        var objects = await Rendered.Value;

        string[] expected =
        [
            "ConfigMap/remediation/remediation-config", "ConfigMap/remediation/remediation-policy",
            .. Services.Select(s => $"Deployment/remediation/{s}"),
            "Namespace//remediation",
            "Role/shop/remediation-executor", "RoleBinding/shop/remediation-executor",
            .. Services.Select(s => $"Service/remediation/{s}"),
            .. Services.Select(s => $"ServiceAccount/remediation/remediation-{s}"),
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), objects.Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Executor_may_only_get_list_watch_and_patch_deployments_and_replicasets_in_its_target_namespaces()
    {
        var objects = await Rendered.Value;
        var roles = objects.Where(o => o.Scalar("kind") == "Role").ToList();
        var bindings = objects.Where(o => o.Scalar("kind") == "RoleBinding").ToList();
        var policy = PolicyParser.ParseFile(Repository.PathOf("infra/k8s/policy.yaml"));
        var targetNamespaces = policy.Services.Where(s => s.Target.Driver == "kubernetes").Select(s => s.Target.Require("namespace")).ToHashSet();

        Assert.DoesNotContain(objects, o => o.Scalar("kind") is "ClusterRole" or "ClusterRoleBinding");
        var rule = Assert.Single(Assert.Single(roles).Sequence("rules"));
        Assert.Equal(["apps"], rule.Scalars("apiGroups"));
        Assert.Equal(["deployments", "replicasets"], rule.Scalars("resources").Order(StringComparer.Ordinal));
        Assert.Equal(["get", "list", "patch", "watch"], rule.Scalars("verbs").Order(StringComparer.Ordinal));
        Assert.Null(rule.Find("resourceNames"));

        Assert.Equal(targetNamespaces, roles.Select(r => r.Scalar("metadata", "namespace")!).ToHashSet());
        var binding = Assert.Single(bindings);
        Assert.Equal((roles[0].Scalar("metadata", "namespace"), "Role", "remediation-executor"),
            (binding.Scalar("metadata", "namespace"), binding.Scalar("roleRef", "kind"), binding.Scalar("roleRef", "name")));
        var subject = Assert.Single(binding.Sequence("subjects"));
        Assert.Equal(("ServiceAccount", "remediation-executor", "remediation"), (subject.Scalar("kind"), subject.Scalar("name"), subject.Scalar("namespace")));
    }

    [Fact]
    public async Task Every_deployment_is_probed_runs_restricted_under_its_own_identity_and_only_the_executor_gets_an_api_token()
    {
        var objects = await Rendered.Value;
        var secretKeys = Yaml.Document(await File.ReadAllTextAsync(Repository.PathOf("infra/k8s/secrets.template.yaml")))
            .Find("stringData") is YamlMappingNode data ? data.Children.Keys.Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal) : [];

        foreach (var name in Services)
        {
            var deployment = objects.Single(o => Key(o) == $"Deployment/remediation/{name}");
            var pod = deployment.Find("spec", "template", "spec")!;
            var container = Assert.Single(pod.Sequence("containers"));
            var service = objects.Single(o => Key(o) == $"Service/remediation/{name}");
            var account = objects.Single(o => Key(o) == $"ServiceAccount/remediation/remediation-{name}");

            Assert.Equal("/health/live", container.Scalar("livenessProbe", "httpGet", "path"));
            Assert.Equal("/health/ready", container.Scalar("readinessProbe", "httpGet", "path"));
            Assert.Equal("/health/live", container.Scalar("startupProbe", "httpGet", "path"));
            Assert.Equal($"remediation-{name}", pod.Scalar("serviceAccountName"));
            var token = name == "executor" ? "true" : "false";
            Assert.Equal((token, token), (pod.Scalar("automountServiceAccountToken"), account.Scalar("automountServiceAccountToken")));
            Assert.Equal(("true", "RuntimeDefault"), (pod.Scalar("securityContext", "runAsNonRoot"), pod.Scalar("securityContext", "seccompProfile", "type")));
            Assert.Equal(("false", "true"), (container.Scalar("securityContext", "allowPrivilegeEscalation"), container.Scalar("securityContext", "readOnlyRootFilesystem")));
            Assert.Equal(["ALL"], container.Scalars("securityContext", "capabilities", "drop"));
            Assert.StartsWith($"remediation/{name}:", container.Scalar("image"), StringComparison.Ordinal);

            // Secrets come from the Secret by keys its template defines; the policy from its ConfigMap.
            var secretRefs = container.Sequence("env").Select(e => e.Find("valueFrom", "secretKeyRef")).OfType<YamlMappingNode>().ToList();
            Assert.NotEmpty(secretRefs);
            Assert.All(secretRefs, r => Assert.Equal("remediation-secrets", r.Scalar("name")));
            Assert.All(secretRefs, r => Assert.Contains(r.Scalar("key")!, secretKeys));
            Assert.Contains(secretRefs, r => r.Scalar("key") == $"{name}-database");
            Assert.Contains(pod.Sequence("volumes"), v => v.Scalar("configMap", "name") == "remediation-policy");

            Assert.Equal(deployment.Scalar("spec", "selector", "matchLabels", "app.kubernetes.io/name"), service.Scalar("spec", "selector", "app.kubernetes.io/name"));
            Assert.Equal("http", Assert.Single(service.Sequence("spec", "ports")).Scalar("targetPort"));
        }
    }

    [Fact]
    public async Task Policy_of_the_manifests_is_valid_and_mounted_where_the_services_read_it()
    {
        var objects = await Rendered.Value;
        var config = objects.Single(o => Key(o) == "ConfigMap/remediation/remediation-config");
        var policy = objects.Single(o => Key(o) == "ConfigMap/remediation/remediation-policy");

        var parsed = PolicyParser.Parse(policy.Scalar("data", "policy.yaml")!, "remediation-policy/policy.yaml");

        Assert.NotEmpty(parsed.Services);
        Assert.Equal("/etc/remediation/policy.yaml", config.Scalar("data", "Remediation__Policy__Path"));
        foreach (var name in Services)
        {
            var mount = objects.Single(o => Key(o) == $"Deployment/remediation/{name}").Find("spec", "template", "spec")!
                .Sequence("containers").Single().Sequence("volumeMounts").Single(m => m.Scalar("name") == "policy");
            Assert.Equal("/etc/remediation", mount.Scalar("mountPath"));
        }
    }

    /// <summary>
    /// The Deployments go through the real kubectl to the Kubernetes API test server (apps/v1 only, as the executor needs):
    /// kubectl decodes and sends them, the server stores them, its deployment controller rolls them out, and
    /// <c>kubectl rollout status</c> sees every one complete.
    /// </summary>
    [Fact]
    public async Task Kubectl_applies_the_deployments_to_an_API_server_and_sees_them_roll_out()
    {
        var deployments = (await Rendered.Value).Where(o => o.Scalar("kind") == "Deployment").ToList();
        await using var server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { UseTls = true });
        var directory = Directory.CreateTempSubdirectory("remediation-kubectl-").FullName;
        try
        {
            var kubeconfig = Path.Combine(directory, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, server.Kubeconfig(ns: "remediation"));
            var manifest = Path.Combine(directory, "deployments.yaml");
            await File.WriteAllTextAsync(manifest, string.Join("---\n", deployments.Select(Serialize)));
            var environment = new Dictionary<string, string?> { ["KUBECONFIG"] = kubeconfig, ["HOME"] = directory };

            // The test server has no OpenAPI document: kubectl's schema validation is off, its decoding is not.
            var dryRun = await ExternalProcess.RunAsync("kubectl", ["create", "--dry-run=client", "--validate=false", "-f", manifest, "-o", "name"], environment);
            var apply = await ExternalProcess.RunAsync("kubectl", ["apply", "--validate=false", "-f", manifest], environment);

            Assert.True(dryRun.Succeeded, dryRun.Output);
            Assert.Equal(Services.Select(s => $"deployment.apps/{s}").Order(StringComparer.Ordinal),
                dryRun.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
            Assert.True(apply.Succeeded, apply.Output);
            foreach (var name in Services)
            {
                var status = await ExternalProcess.RunAsync("kubectl", ["rollout", "status", $"deployment/{name}", "-n", "remediation", "--timeout=60s"],
                    environment, TimeSpan.FromMinutes(2));
                Assert.True(status.Succeeded, status.Output);
                Assert.Contains("successfully rolled out", status.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Serialize(YamlMappingNode node)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString().Replace("...\n", "", StringComparison.Ordinal);
    }

    private static string Key(YamlMappingNode o) => $"{o.Scalar("kind")}/{o.Scalar("metadata", "namespace")}/{o.Scalar("metadata", "name")}";

    private static async Task<IReadOnlyList<YamlMappingNode>> RenderAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), $"remediation-k8s-{Guid.NewGuid():N}.yaml");
        try
        {
            var result = await ExternalProcess.RunAsync("kubectl", ["kustomize", Repository.PathOf("infra/k8s"), "--output", output]);
            Assert.True(result.Succeeded, result.Output);
            return Yaml.Documents(await File.ReadAllTextAsync(output));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
