using Remediation.Contracts.Rollbacks;
using Remediation.Executor.Kubernetes.Models;
using Remediation.Executor.Tests.Support;
using Remediation.Testing.Kubernetes;
using static Remediation.Executor.Tests.Support.KubernetesScenario;

namespace Remediation.Executor.Tests;

/// <summary>The rollback rules against the Kubernetes API test server (TLS, bearer token, deployment controller).</summary>
public sealed class KubernetesRollbackTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Rollback_to_an_explicit_revision_restores_its_template_and_reports_versions_and_rollout_time()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync();
        var request = Messages.Rollback("v1", toRevision: "1");

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(request, None));

        Assert.Equal(("v2", "v1", "kubernetes", false), (completed.FromVersion, completed.ToVersion, completed.Driver, completed.AlreadyAtTarget));
        Assert.True(completed.RolloutDuration > TimeSpan.Zero);
        Assert.True(completed.CompletedAt >= completed.StartedAt);
        Assert.Equal(Image("v1"), s.Cluster.ImageOf(Namespace, Name));
        Assert.True(s.Cluster.IsRolledOut(Namespace, Name));
        Assert.Equal(1, s.Writes);
        var annotations = s.Cluster.Deployment(Namespace, Name)["metadata"]!["annotations"]!;
        Assert.Equal(request.RequestId.ToString(), (string?)annotations[KubernetesNames.RequestIdAnnotation]);
        Assert.Equal("v2", (string?)annotations[KubernetesNames.RolledBackFromAnnotation]);
        Assert.Equal(request.Reason, (string?)annotations[KubernetesNames.ReasonAnnotation]);
        Assert.Equal(3, s.Cluster.RevisionOf(Namespace, Name));
    }

    [Fact]
    public async Task A_Deployment_already_on_the_target_template_completes_as_AlreadyAtTarget_without_a_write()
    {
        await using var s = await KubernetesScenario.StartAsync(deployV2: false);
        var host = await s.StartExecutorAsync();

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1"), None));

        Assert.True(completed.AlreadyAtTarget);
        Assert.Equal(("v1", "v1"), (completed.FromVersion, completed.ToVersion));
        Assert.Equal(0, s.Writes);
    }

    [Fact]
    public async Task A_paused_Deployment_is_refused_with_paused_and_left_alone()
    {
        await using var s = await KubernetesScenario.StartAsync();
        s.Cluster.Pause(Namespace, Name);
        var host = await s.StartExecutorAsync();

        var failed = Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1"), None));

        Assert.Equal("paused", failed.ReasonCode);
        Assert.Equal(0, s.Writes);
        Assert.Equal(Image("v2"), s.Cluster.ImageOf(Namespace, Name));
    }

    [Fact]
    public async Task A_revision_pruned_by_revisionHistoryLimit_fails_with_revision_pruned_and_changes_nothing()
    {
        await using var s = await KubernetesScenario.StartAsync(revisionHistoryLimit: 1);
        s.Deploy("v3");
        Assert.DoesNotContain(s.Cluster.ReplicaSetsOf(Namespace, Name), rs => (string?)rs["metadata"]!["annotations"]![KubernetesNames.RevisionAnnotation] == "1");
        var host = await s.StartExecutorAsync();

        var failed = Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1"), None));

        Assert.Equal("revision-pruned", failed.ReasonCode);
        Assert.Equal("v3", failed.FromVersion);
        Assert.Contains("revision 1", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, s.Writes);
        Assert.Equal(Image("v3"), s.Cluster.ImageOf(Namespace, Name));
    }

    [Fact]
    public async Task Without_a_revision_the_target_is_found_by_its_version()
    {
        await using var s = await KubernetesScenario.StartAsync();
        s.Deploy("v3");
        var host = await s.StartExecutorAsync();

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1", fromVersion: "v3"), None));

        Assert.Equal(("v3", "v1"), (completed.FromVersion, completed.ToVersion));
        Assert.Equal(Image("v1"), s.Cluster.ImageOf(Namespace, Name));
    }

    [Fact]
    public async Task Without_a_revision_the_target_is_found_by_its_image()
    {
        await using var s = await KubernetesScenario.StartAsync();
        s.Deploy("v3");
        var host = await s.StartExecutorAsync();

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v2", toImage: Image("v2"), fromVersion: "v3"), None));

        Assert.False(completed.AlreadyAtTarget);
        Assert.Equal(Image("v2"), s.Cluster.ImageOf(Namespace, Name));
    }

    [Fact]
    public async Task A_revision_that_runs_another_image_than_the_request_names_is_refused_with_target_mismatch()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync();

        var failed = Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1", toImage: Image("v0")), None));

        Assert.Equal("target-mismatch", failed.ReasonCode);
        Assert.Equal(0, s.Writes);
    }

    [Fact]
    public async Task A_Deployment_that_does_not_exist_fails_with_not_found()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync(PolicyYaml().Replace("deployment: checkout", "deployment: payments", StringComparison.Ordinal));

        var failed = Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1"), None));

        Assert.Equal("not-found", failed.ReasonCode);
        Assert.Contains("payments", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_on_reads_are_retried()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync();
        s.Server.Faults.Add(Fault.Status("GET", $"/deployments/{Name}", 503, times: 2));
        s.Server.Faults.Add(Fault.Status("GET", "/replicasets", 500));

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1"), None));

        Assert.False(completed.AlreadyAtTarget);
        Assert.Equal(3, s.Server.Requests.Count(r => r.StatusCode >= 500));
        Assert.Equal(1, s.Writes);
    }

    [Fact]
    public async Task A_patch_whose_answer_is_lost_is_decided_again_from_what_is_read_and_not_sent_twice()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync();
        s.Server.Faults.Add(new Fault { Method = "PATCH", PathContains = $"/deployments/{Name}", StatusCode = 500, AfterApplying = true });

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1"), None));

        Assert.False(completed.AlreadyAtTarget);
        Assert.Equal(1, s.PatchAttempts);
        Assert.Equal(Image("v1"), s.Cluster.ImageOf(Namespace, Name));
    }

    [Fact]
    public async Task A_conflicting_write_by_someone_else_is_read_again_and_the_rollback_still_lands_once()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync();
        s.Server.Faults.Add(Fault.Status("PATCH", $"/deployments/{Name}", 409));

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1"), None));

        Assert.False(completed.AlreadyAtTarget);
        Assert.Equal(2, s.PatchAttempts);
        Assert.Equal(1, s.Writes);
    }

    [Fact]
    public async Task A_rollout_that_stalls_past_its_progress_deadline_fails_with_progress_deadline()
    {
        await using var s = await KubernetesScenario.StartAsync(progressDeadlineSeconds: 1);
        s.Cluster.Stall(Namespace, Name);
        var host = await s.StartExecutorAsync();

        var failed = Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1"), None));

        Assert.Equal("progress-deadline", failed.ReasonCode);
        Assert.Contains("progress deadline", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(1, s.Writes);
    }

    [Fact]
    public async Task A_rollout_not_done_within_the_targets_progress_deadline_setting_fails_with_rollout_timeout()
    {
        await using var s = await KubernetesScenario.StartAsync();
        s.Cluster.Hold(Namespace, Name);
        var host = await s.StartExecutorAsync(PolicyYaml(", progress_deadline: 1s"));

        var failed = Assert.IsType<RollbackFailed>(await host.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1"), None));

        Assert.Equal("rollout-timeout", failed.ReasonCode);
        Assert.Equal(1, s.Writes);
    }
}
