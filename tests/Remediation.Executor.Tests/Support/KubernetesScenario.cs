using Remediation.Testing.Kubernetes;
using Remediation.Testing.Kubernetes.Cluster;

namespace Remediation.Executor.Tests.Support;

/// <summary>
/// A test cluster (the Kubernetes API test server, over TLS with a bearer token) holding Deployment shop/checkout with
/// history v1 (revision 1) → v2 (revision 2, running), a kubeconfig for it, and executor hosts pointed at it.
/// </summary>
internal sealed class KubernetesScenario : IAsyncDisposable
{
    public const string Namespace = "shop";
    public const string Name = "checkout";

    private readonly List<ExecutorTestHost> _hosts = [];

    private KubernetesScenario(KubernetesApiServer server, TempDirectory temp)
    {
        Server = server;
        Temp = temp;
        Kubeconfig = temp.Write("kubeconfig", server.Kubeconfig());
    }

    public KubernetesApiServer Server { get; }

    public ClusterState Cluster => Server.Cluster;

    public TempDirectory Temp { get; }

    public string Kubeconfig { get; }

    public static string Image(string version) => $"registry.example/checkout:{version}";

    public static string PolicyYaml(string extra = "") => $$"""
        services:
          - name: checkout
            environment: production
            target: { driver: kubernetes, namespace: {{Namespace}}, deployment: {{Name}}{{extra}} }
            rollback: { executor_timeout: 2m }
        """;

    public static async Task<KubernetesScenario> StartAsync(int replicas = 3, int revisionHistoryLimit = 10, int progressDeadlineSeconds = 600, bool deployV2 = true)
    {
        var server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { UseTls = true });
        var scenario = new KubernetesScenario(server, new TempDirectory());
        server.Cluster.CreateDeployment(new DeploymentSeed(Namespace, Name, Image("v1"))
        {
            Version = "v1",
            Replicas = replicas,
            RevisionHistoryLimit = revisionHistoryLimit,
            ProgressDeadlineSeconds = progressDeadlineSeconds,
        });
        if (deployV2)
            server.Cluster.Deploy(Namespace, Name, Image("v2"), "v2", "deploy v2");
        return scenario;
    }

    public void Deploy(string version) => Cluster.Deploy(Namespace, Name, Image(version), version, $"deploy {version}");

    public int Writes => Server.SuccessfulWrites(Namespace, Name);

    public int PatchAttempts => Server.Requests.Count(r => r.Method == "PATCH" && r.Path.EndsWith($"/deployments/{Name}", StringComparison.Ordinal));

    public async Task<ExecutorTestHost> StartExecutorAsync(string? policy = null, string database = "executor.db", IDictionary<string, string?>? extra = null)
    {
        var settings = ExecutorTestHost.Settings(Temp.File(database));
        settings["Remediation:Executor:Kubernetes:Kubeconfig"] = Kubeconfig;
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        var host = await ExecutorTestHost.StartAsync(policy ?? PolicyYaml(), settings);
        _hosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
            await host.DisposeAsync();
        await Server.DisposeAsync();
        Temp.Dispose();
    }
}
