using Remediation.Contracts.Rollbacks;
using Remediation.Executor.Requests;
using Remediation.Executor.Tests.Support;
using Remediation.Testing;
using static Remediation.Executor.Tests.Support.KubernetesScenario;

namespace Remediation.Executor.Tests;

/// <summary>
/// Rollbacks under repetition, races and interruption: replays, duplicate deliveries, two executors at once, and a request
/// resumed after its attempt stopped or died — each acts at most once and never flips the Deployment back.
/// </summary>
public sealed class KubernetesRollbackRecoveryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Replaying_a_rollback_after_it_succeeded_never_flips_back_to_the_bad_version()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync();
        var first = Messages.Rollback("v1", toRevision: "1");
        var firstOutcome = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(first, None));

        // The rollback renumbered revision 1 as revision 3. A second request for revision 1 finds it among the
        // ReplicaSet's former revisions and sees it is already running: nothing changes (`rollout undo` would flip to v2).
        var again = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1"), None));
        Assert.True(again.AlreadyAtTarget);
        Assert.Equal(Image("v1"), s.Cluster.ImageOf(Namespace, Name));

        // People ship v3 afterwards; the first request delivered once more answers what it answered and acts on nothing.
        s.Deploy("v3");
        var replay = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(first, None));
        Assert.Equal(firstOutcome, replay);
        Assert.Equal(Image("v3"), s.Cluster.ImageOf(Namespace, Name));
        Assert.Equal(1, s.Writes);
    }

    [Fact]
    public async Task The_same_request_delivered_twice_at_once_acts_once_and_answers_both_alike()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync();
        var request = Messages.Rollback("v1", toRevision: "1");

        var outcomes = await Task.WhenAll(host.Executor.RollbackAsync(request, None), host.Executor.RollbackAsync(request, None));

        Assert.All(outcomes, o => Assert.IsType<RollbackCompleted>(o));
        Assert.Equal(outcomes[0], outcomes[1]);
        Assert.Equal(1, s.PatchAttempts);
        Assert.Equal(1, (await host.RequestAsync(request.RequestId))!.Attempts);
    }

    [Fact]
    public async Task Two_executors_racing_on_one_Deployment_make_exactly_one_change()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var one = await s.StartExecutorAsync(database: "one.db");
        var two = await s.StartExecutorAsync(database: "two.db");
        // Both read the same resourceVersion and their patches reach the API together: the precondition lets one through.
        s.Server.Faults.HoldUntilConcurrent("PATCH", $"/deployments/{Name}", 2);

        var outcomes = await Task.WhenAll(
            one.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1"), None),
            two.Executor.RollbackAsync(Messages.Rollback("v1", toRevision: "1"), None));

        var completed = outcomes.Select(o => Assert.IsType<RollbackCompleted>(o)).ToList();
        Assert.Equal(1, s.Writes);
        Assert.Equal(2, s.PatchAttempts);
        Assert.Contains(s.Server.Requests, r => r.Method == "PATCH" && r.StatusCode == 409);
        Assert.Single(completed, c => c.AlreadyAtTarget);
        Assert.Equal(Image("v1"), s.Cluster.ImageOf(Namespace, Name));
    }

    [Fact]
    public async Task A_request_stopped_after_its_patch_resumes_by_observing_the_Deployment_and_does_not_patch_again()
    {
        await using var s = await KubernetesScenario.StartAsync();
        s.Cluster.Hold(Namespace, Name);
        var request = Messages.Rollback("v1", toRevision: "1");
        var first = await s.StartExecutorAsync();
        using var stop = new CancellationTokenSource();
        var stopped = first.Executor.RollbackAsync(request, stop.Token);
        await Eventually.UntilAsync(() => s.Writes == 1, Eventually.DefaultTimeout, "the first attempt's patch");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);

        var row = await first.RequestAsync(request.RequestId);
        Assert.Equal(ExecutorRequestState.Claimed, row!.State);
        Assert.NotNull(row.ActedAt);

        s.Cluster.Release(Namespace, Name);
        var second = await s.StartExecutorAsync();
        var completed = Assert.IsType<RollbackCompleted>(await second.Executor.RollbackAsync(request, None));

        Assert.False(completed.AlreadyAtTarget);
        Assert.Equal("v2", completed.FromVersion);
        Assert.Equal(1, s.PatchAttempts);
        Assert.Equal(2, (await second.RequestAsync(request.RequestId))!.Attempts);
    }

    [Fact]
    public async Task A_request_whose_holder_died_before_patching_is_taken_over_when_its_lease_lapses_and_acts_once()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var request = Messages.Rollback("v1", toRevision: "1");
        var host = await s.StartExecutorAsync();
        // An attempt that claimed the request, was about to act, and died: it never renews or releases its claim.
        var dead = await host.Ledger.ClaimAsync(Messages.Row(request), None);
        await host.Ledger.MarkActedAsync(request.RequestId, dead.Owner, None);

        var completed = Assert.IsType<RollbackCompleted>(await host.Executor.RollbackAsync(request, None));

        Assert.False(completed.AlreadyAtTarget);
        Assert.Equal(1, s.Writes);
        Assert.Equal(Image("v1"), s.Cluster.ImageOf(Namespace, Name));
        Assert.Equal(2, (await host.RequestAsync(request.RequestId))!.Attempts);
    }

    [Fact]
    public async Task A_Deployment_changed_by_someone_else_after_this_request_rolled_it_back_is_not_acted_on_again()
    {
        await using var s = await KubernetesScenario.StartAsync();
        s.Cluster.Hold(Namespace, Name);
        var request = Messages.Rollback("v1", toRevision: "1");
        var first = await s.StartExecutorAsync();
        using var stop = new CancellationTokenSource();
        var stopped = first.Executor.RollbackAsync(request, stop.Token);
        await Eventually.UntilAsync(() => s.Writes == 1, Eventually.DefaultTimeout, "the first attempt's patch");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);

        // Someone pushes v3 over our rollback before the request is resumed.
        s.Cluster.Release(Namespace, Name);
        s.Deploy("v3");
        var failed = Assert.IsType<RollbackFailed>(await first.Executor.RollbackAsync(request, None));

        Assert.Equal("superseded", failed.ReasonCode);
        Assert.Equal(Image("v3"), s.Cluster.ImageOf(Namespace, Name));
        Assert.Equal(1, s.PatchAttempts);
    }
}
