using System.Text.Json.Nodes;
using Remediation.Contracts.Rollbacks;
using Remediation.Executor.Tests.Support;
using Remediation.Testing.Kubernetes;
using Remediation.Testing.Kubernetes.Cluster;
using static Remediation.Executor.Tests.Support.KubernetesScenario;

namespace Remediation.Executor.Tests;

/// <summary>
/// The test API server checked against the real kubectl v1.32: if kubectl's get, rollout history, undo, status and restart
/// work against it and see what a real cluster would show, the executor's tests against it mean something.
/// </summary>
public sealed class KubectlFidelityTests
{
    [Fact]
    public async Task Kubectl_lists_the_Deployment_with_the_servers_table_columns()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var kubectl = new Kubectl(s.Temp, s.Kubeconfig);

        var (code, output, error) = await kubectl.RunAsync("get", "deployments", "-n", Namespace);

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$", lines[0]);
        Assert.Matches(@"^checkout\s+3/3\s+3\s+3\s+\d+s$", lines[1]);
    }

    [Fact]
    public async Task Kubectl_shows_the_rollout_history_with_change_causes()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var kubectl = new Kubectl(s.Temp, s.Kubeconfig);

        var (code, output, error) = await kubectl.RunAsync("rollout", "history", $"deployment/{Name}", "-n", Namespace);

        Assert.True(code == 0, error);
        Assert.Matches(@"REVISION\s+CHANGE-CAUSE\s*\n1\s+<none>\s*\n2\s+deploy v2", output);
    }

    [Fact]
    public async Task Kubectl_rollout_undo_to_a_revision_and_rollout_status_work_as_on_a_cluster()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var kubectl = new Kubectl(s.Temp, s.Kubeconfig);

        var undo = await kubectl.RunAsync("rollout", "undo", $"deployment/{Name}", "-n", Namespace, "--to-revision=1");
        (int ExitCode, string Output, string Error) status;
        try
        {
            status = await kubectl.RunAsync("rollout", "status", $"deployment/{Name}", "-n", Namespace, "--timeout=2m");
        }
        catch (TimeoutException ex)
        {
            // What the server saw is what explains a hung kubectl.
            throw new TimeoutException(ex.Message + "\nREQUESTS:\n" + string.Join("\n", s.Server.Requests.Select(r => $"{r.Method} {r.Path}{r.Query} {r.StatusCode}")), ex);
        }
        var history = await kubectl.RunAsync("rollout", "history", $"deployment/{Name}", "-n", Namespace);

        Assert.True(undo.ExitCode == 0, undo.Error);
        Assert.Equal("deployment.apps/checkout rolled back", undo.Output.Trim());
        Assert.Contains(s.Server.Requests, r => r.Method == "PATCH" && r.ContentType == "application/json-patch+json" && r.StatusCode == 200);
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.EndsWith("deployment \"checkout\" successfully rolled out", status.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal(Image("v1"), s.Cluster.ImageOf(Namespace, Name));
        // Revision 1 was reused and renumbered 3, as the deployment controller does.
        Assert.Matches(@"REVISION\s+CHANGE-CAUSE\s*\n2\s+deploy v2\s*\n3\s+", history.Output);
    }

    [Fact]
    public async Task Kubectl_rollout_undo_to_a_pruned_revision_fails_as_on_a_cluster()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var kubectl = new Kubectl(s.Temp, s.Kubeconfig);

        var (code, _, error) = await kubectl.RunAsync("rollout", "undo", $"deployment/{Name}", "-n", Namespace, "--to-revision=9");

        Assert.Equal(1, code);
        Assert.Contains("unable to find specified revision 9 in history", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_rollout_status_reports_a_stalled_rollout_past_its_progress_deadline()
    {
        await using var s = await KubernetesScenario.StartAsync(progressDeadlineSeconds: 1);
        s.Cluster.Stall(Namespace, Name);
        s.Cluster.ChangeTemplate(Namespace, Name, t => t["spec"]!["containers"]![0]!["image"] = Image("v3"));
        var kubectl = new Kubectl(s.Temp, s.Kubeconfig);

        var (code, _, error) = await kubectl.RunAsync("rollout", "status", $"deployment/{Name}", "-n", Namespace, "--timeout=2m");

        Assert.Equal(1, code);
        Assert.Contains("exceeded its progress deadline", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_rollout_restart_and_pause_send_strategic_merge_patches_the_server_applies()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var kubectl = new Kubectl(s.Temp, s.Kubeconfig);

        var restart = await kubectl.RunAsync("rollout", "restart", $"deployment/{Name}", "-n", Namespace);
        var pause = await kubectl.RunAsync("rollout", "pause", $"deployment/{Name}", "-n", Namespace);

        Assert.True(restart.ExitCode == 0, restart.Error);
        Assert.True(pause.ExitCode == 0, pause.Error);
        var deployment = s.Cluster.Deployment(Namespace, Name);
        Assert.NotNull(deployment["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);
        Assert.True((bool?)deployment["spec"]!["paused"]);
        Assert.Equal(2, s.Server.Requests.Count(r => r.Method == "PATCH" && r.ContentType == "application/strategic-merge-patch+json" && r.StatusCode == 200));
    }

    [Fact]
    public async Task Kubectl_shows_the_executors_rollback_in_the_rollout_history()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync();
        var request = Messages.Rollback("v1", toRevision: "1");
        Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(request, CancellationToken.None));
        var kubectl = new Kubectl(s.Temp, s.Kubeconfig);

        var (code, output, error) = await kubectl.RunAsync("rollout", "history", $"deployment/{Name}", "-n", Namespace);

        Assert.True(code == 0, error);
        Assert.Matches($@"\n3\s+remediation: rolled back from v2 \(revision 2\) to v1 \(revision 1\), request {request.RequestId}", output);
    }

    [Fact]
    public async Task Kubectl_authenticates_with_a_client_certificate()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var kubectl = new Kubectl(s.Temp, s.Temp.Write("kubeconfig-cert", s.Server.Kubeconfig(clientCertificate: true)));

        var (code, output, error) = await kubectl.RunAsync("get", "replicasets", "-n", Namespace, "-o", "name");

        Assert.True(code == 0, error);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Without_credentials_the_server_answers_401_and_kubectl_reports_it()
    {
        // kubectl (client-go) sends credentials only over TLS; over plain HTTP it sends none, and an API server refuses.
        await using var server = await KubernetesApiServer.StartAsync();
        server.Cluster.CreateDeployment(new DeploymentSeed("default", "checkout", Image("v1")));
        using var temp = new TempDirectory();
        var kubectl = new Kubectl(temp, temp.Write("kubeconfig", server.Kubeconfig()));

        var (code, _, error) = await kubectl.RunAsync("get", "deployments");

        Assert.Equal(1, code);
        Assert.Contains("You must be logged in to the server", error, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.Equal(401, r.StatusCode));
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(server.Url, "/version"));
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("Status", "Unauthorized", 401), ((string?)status["kind"], (string?)status["reason"], (int?)status["code"]));
    }
}
