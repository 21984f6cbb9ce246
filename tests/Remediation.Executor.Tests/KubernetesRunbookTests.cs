using Remediation.Contracts.Remediations;
using Remediation.Executor.Kubernetes.Models;
using Remediation.Executor.Tests.Support;
using static Remediation.Executor.Tests.Support.KubernetesScenario;

namespace Remediation.Executor.Tests;

/// <summary>Runbook actions on a Deployment: rollout restart and scale.</summary>
public sealed class KubernetesRunbookTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static Dictionary<string, string> Parameters(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public async Task Restart_stamps_restartedAt_on_the_template_waits_for_the_rollout_and_acts_once_per_request()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync();
        var request = Messages.Remediation("restart");
        var generation = (long)s.Cluster.Deployment(Namespace, Name)["metadata"]!["generation"]!;

        var completed = Assert.IsType<RemediationCompleted>(await host.Executor.RemediateAsync(request, None));
        var replay = Assert.IsType<RemediationCompleted>(await host.Executor.RemediateAsync(request, None));

        Assert.Contains("restarted", completed.Details, StringComparison.Ordinal);
        Assert.Equal(completed, replay);
        var deployment = s.Cluster.Deployment(Namespace, Name);
        Assert.NotNull(deployment["spec"]!["template"]!["metadata"]!["annotations"]![KubernetesNames.RestartedAtAnnotation]);
        Assert.Equal(generation + 1, (long)deployment["metadata"]!["generation"]!);
        Assert.Equal(3, s.Cluster.RevisionOf(Namespace, Name));
        Assert.True(s.Cluster.IsRolledOut(Namespace, Name));
        Assert.Equal(1, s.Writes);
    }

    [Fact]
    public async Task Restart_of_a_paused_Deployment_is_refused()
    {
        await using var s = await KubernetesScenario.StartAsync();
        s.Cluster.Pause(Namespace, Name);
        var host = await s.StartExecutorAsync();

        var failed = Assert.IsType<RemediationFailed>(await host.Executor.RemediateAsync(Messages.Remediation("restart"), None));

        Assert.Equal("paused", failed.ReasonCode);
        Assert.Equal(0, s.Writes);
    }

    [Fact]
    public async Task Scale_by_a_factor_is_kept_within_the_targets_max_replicas()
    {
        await using var s = await KubernetesScenario.StartAsync(replicas: 3);
        var host = await s.StartExecutorAsync(PolicyYaml(", max_replicas: 5"));

        var completed = Assert.IsType<RemediationCompleted>(await host.Executor.RemediateAsync(Messages.Remediation("scale", Parameters(("factor", "2"))), None));

        Assert.Equal(5, (int)s.Cluster.Deployment(Namespace, Name)["spec"]!["replicas"]!);
        Assert.Contains("from 3 to 5 replicas (6 asked, kept within 1..5)", completed.Details, StringComparison.Ordinal);
        Assert.True(s.Cluster.IsRolledOut(Namespace, Name));
    }

    [Fact]
    public async Task Scale_to_a_count_never_goes_below_one_replica()
    {
        await using var s = await KubernetesScenario.StartAsync(replicas: 3);
        var host = await s.StartExecutorAsync();

        Assert.IsType<RemediationCompleted>(await host.Executor.RemediateAsync(Messages.Remediation("scale", Parameters(("replicas", "0"))), None));

        Assert.Equal(1, (int)s.Cluster.Deployment(Namespace, Name)["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task Scale_to_the_current_count_changes_nothing()
    {
        await using var s = await KubernetesScenario.StartAsync(replicas: 3);
        var host = await s.StartExecutorAsync();

        var completed = Assert.IsType<RemediationCompleted>(await host.Executor.RemediateAsync(Messages.Remediation("scale", Parameters(("replicas", "3"))), None));

        Assert.Contains("already has 3 replicas", completed.Details, StringComparison.Ordinal);
        Assert.Equal(0, s.Writes);
    }

    [Fact]
    public async Task Failover_is_not_a_kubernetes_action()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync();

        var failed = Assert.IsType<RemediationFailed>(await host.Executor.RemediateAsync(Messages.Remediation("failover"), None));

        Assert.Equal("unsupported-action", failed.ReasonCode);
    }
}
