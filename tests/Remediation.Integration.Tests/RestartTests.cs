using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Rollbacks;
using Remediation.Integration.Tests.Support;

namespace Remediation.Integration.Tests;

/// <summary>
/// The decision service restarts mid-incident, on real RabbitMQ and PostgreSQL: what it was waiting for waits in its queue
/// and its timers wait in its database, and a new host on the same database and virtual host carries on. The executor
/// hands the rollback to a CD system's webhook that the test can hold, so the restart happens exactly where it should.
/// </summary>
public sealed class RestartTests
{
    private const string Service = "checkout";
    private const string Env = Policies.Production;

    private static async Task<Installation> StartAsync(CdReceiver cd)
    {
        var installation = await Installation.CreateAsync(Policies.Document(Policies.Service(Service, Policies.CdTarget(cd, Service))));
        try
        {
            await installation.StartServicesAsync();
            await installation.DeployAsync(Service, "v1");
            await installation.SoakAsync(Service, "v1");
            await installation.DeployAsync(Service, "v2");
            return installation;
        }
        catch
        {
            await installation.DisposeAsync();
            throw;
        }
    }

    /// <summary>Fires the alerts with the CD system holding its answers; returns once the executor is waiting on it.</summary>
    private static async Task<RollbackRequested> FireAndHoldTheRollbackAsync(Installation installation, CdReceiver cd, Alertmanager alerts)
    {
        cd.Hold();
        await installation.PostAlertsAsync(alerts.Firing());
        var requested = await installation.Probe.WaitForAsync<RollbackRequested>(r => r.Service == Service, "the rollback");
        await installation.WaitAsync(() => Task.FromResult(cd.Calls), calls => calls.Count == 1, "the executor to call the CD system");
        await installation.WaitForStateAsync(Env, Service, "RollingBack");
        return requested;
    }

    [Fact]
    public async Task A_decision_host_stopped_during_the_rollback_is_replaced_and_the_incident_resolves_with_exactly_one_rollback()
    {
        await using var cd = await CdReceiver.StartAsync();
        await using var installation = await StartAsync(cd);
        var alerts = new Alertmanager(Env, Service);
        var requested = await FireAndHoldTheRollbackAsync(installation, cd, alerts);

        await installation.Decisions.Single().StopAsync();
        cd.Release();
        var completed = await installation.Probe.WaitForAsync<RollbackCompleted>(c => c.RequestId == requested.RequestId, "the executor's answer");
        Assert.Equal("webhook", completed.Driver);
        await installation.WaitAsync(() => installation.VirtualHost.CountMessagesAsync("decision-state"), n => n >= 1,
            "the answer to wait in the decision queue while no decision host runs");

        await installation.StartAsync(ServiceModule.Decision);
        await installation.WaitForStateAsync(Env, Service, "Verifying");
        await installation.PostAlertsAsync(alerts.Resolved());
        var resolved = await installation.Probe.WaitForAsync<IncidentResolved>(r => r.IncidentId == requested.IncidentId, "the resolution");

        Assert.Equal(["v2", "v1"], resolved.Chain);
        Assert.Single(installation.Probe.All<RollbackRequested>());
        Assert.Single(cd.Calls);
        Assert.Equal((1, "v1"), (cd.Deployments, cd.Version(Service)));
        Assert.Equal(1, await installation.CountRowsAsync(ServiceModule.Executor, "executor_requests"));
        Assert.Equal("completed", (await installation.ExecutorRequestAsync(requested.RequestId)).GetProperty("state").GetString());
        var saga = await installation.WaitForStateAsync(Env, Service, "CoolingDown");
        Assert.Equal("v1", saga.GetProperty("currentVersion").GetString());
        var incident = await installation.WaitForIncidentAsync(requested.IncidentId, "resolved");
        Assert.Equal(1, incident.GetProperty("rollbacks").GetInt32());
        await installation.AssertNothingFailedAsync();
    }

    [Fact]
    public async Task A_verification_timer_survives_a_decision_host_restart_and_resolves_the_incident_when_due()
    {
        await using var cd = await CdReceiver.StartAsync();
        await using var installation = await StartAsync(cd);
        var alerts = new Alertmanager(Env, Service);
        var requested = await FireAndHoldTheRollbackAsync(installation, cd, alerts);

        // The signals clear while the rollback is under way: once it completes, only the verification period is left.
        var counter = ConsumeCounter.Attach(installation.Decisions.Single());
        await installation.PostAlertsAsync(alerts.Resolved());
        await installation.Probe.WaitForAsync<AnomalyCleared>(c => c.Service == Service, "the cleared anomaly");
        await installation.WaitAsync(() => Task.FromResult(counter.Finished<AnomalyCleared>()), n => n >= 1, "the saga to take the cleared anomaly");
        cd.Release();
        await installation.WaitForStateAsync(Env, Service, "Verifying");
        await installation.WaitAsync(() => installation.CountRowsAsync(ServiceModule.Decision, "scheduled_messages", "message_types LIKE '%VerificationElapsed%'"),
            n => n == 1, "the verification timer stored in PostgreSQL");

        await installation.Decisions.Single().StopAsync();
        await installation.StartAsync(ServiceModule.Decision);
        Assert.Empty(installation.Probe.All<IncidentResolved>());

        installation.AdvanceClock(Policies.PastVerification);
        var resolved = await installation.Probe.WaitForAsync<IncidentResolved>(r => r.IncidentId == requested.IncidentId, "the resolution when the timer fires");
        Assert.Equal(("verified", "v1"), (resolved.Resolution, resolved.ResolvedVersion));
        var saga = await installation.WaitForStateAsync(Env, Service, "CoolingDown");
        Assert.Equal("Healthy", Installation.Verdict(saga, "v1"));
        await installation.WaitAsync(() => installation.CountRowsAsync(ServiceModule.Decision, "scheduled_messages", "message_types LIKE '%VerificationElapsed%'"),
            n => n == 0, "the fired timer to leave the table");
        Assert.Single(installation.Probe.All<RollbackRequested>());
        Assert.Single(cd.Calls);
        await installation.AssertNothingFailedAsync();
    }
}
