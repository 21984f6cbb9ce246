using MassTransit;
using Remediation.Contracts.Remediations;
using Remediation.Contracts.Rollbacks;
using Remediation.Executor.Tests.Support;
using static Remediation.Executor.Tests.Support.KubernetesScenario;

namespace Remediation.Executor.Tests;

/// <summary>The consumers on MassTransit's test harness: a request message in, exactly the outcome message out, no faults.</summary>
public sealed class ExecutorConsumerTests
{
    private const string Policies = """
        services:
          - name: checkout
            environment: production
            target: { driver: kubernetes, namespace: shop, deployment: checkout }
          - name: billing
            environment: production
            target: { driver: none }
        """;

    [Fact]
    public async Task RollbackRequested_in_gives_RollbackCompleted_out_and_no_fault()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync(Policies);
        var request = Messages.Rollback("v1", toRevision: "1");

        await host.Harness.Bus.Publish(request);

        var completed = Assert.Single(await host.PublishedAsync<RollbackCompleted>(m => m.RequestId == request.RequestId));
        Assert.Equal((request.IncidentId, "v2", "v1"), (completed.IncidentId, completed.FromVersion, completed.ToVersion));
        Assert.True(await host.Harness.Consumed.Any<RollbackRequested>(m => m.Context.Message.RequestId == request.RequestId));
        Assert.False(await host.Harness.Published.Any<Fault<RollbackRequested>>());
        Assert.False(await host.Harness.Published.Any<RollbackFailed>());
        Assert.Equal(Image("v1"), s.Cluster.ImageOf(Namespace, Name));
    }

    [Fact]
    public async Task A_RollbackRequested_delivered_twice_changes_the_Deployment_once_and_answers_each_delivery_alike()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync(Policies);
        var request = Messages.Rollback("v1", toRevision: "1");

        await host.Harness.Bus.Publish(request);
        await host.Harness.Bus.Publish(request);

        var answers = await host.PublishedAsync<RollbackCompleted>(m => m.RequestId == request.RequestId, count: 2);
        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(1, s.Writes);
        Assert.False(await host.Harness.Published.Any<Fault<RollbackRequested>>());
    }

    [Fact]
    public async Task A_service_with_no_policy_gets_RollbackFailed_no_policy()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync(Policies);
        var request = Messages.Rollback("v1", service: "search");

        await host.Harness.Bus.Publish(request);

        var failed = Assert.Single(await host.PublishedAsync<RollbackFailed>(m => m.RequestId == request.RequestId));
        Assert.Equal("no-policy", failed.ReasonCode);
        Assert.False(await host.Harness.Published.Any<Fault<RollbackRequested>>());
    }

    [Fact]
    public async Task A_service_whose_driver_is_none_gets_RollbackFailed_no_driver()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync(Policies);
        var request = Messages.Rollback("v1", service: "billing");

        await host.Harness.Bus.Publish(request);

        var failed = Assert.Single(await host.PublishedAsync<RollbackFailed>(m => m.RequestId == request.RequestId));
        Assert.Equal(("no-driver", "none"), (failed.ReasonCode, failed.Driver));
    }

    [Fact]
    public async Task RemediationRequested_restart_gives_RemediationCompleted_and_notify_changes_nothing()
    {
        await using var s = await KubernetesScenario.StartAsync();
        var host = await s.StartExecutorAsync(Policies);
        var restart = Messages.Remediation("restart");
        var notify = Messages.Remediation("notify");

        await host.Harness.Bus.Publish(restart);
        await host.Harness.Bus.Publish(notify);

        Assert.Single(await host.PublishedAsync<RemediationCompleted>(m => m.RequestId == restart.RequestId && m.Action == "restart"));
        Assert.Single(await host.PublishedAsync<RemediationCompleted>(m => m.RequestId == notify.RequestId && m.Action == "notify"));
        Assert.Equal(1, s.Writes);
        Assert.False(await host.Harness.Published.Any<Fault<RemediationRequested>>());
    }
}
