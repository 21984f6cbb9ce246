using System.Diagnostics;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Rollbacks;
using Remediation.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Remediation.Integration.Tests;

/// <summary>
/// At-least-once delivery and concurrency on real RabbitMQ and PostgreSQL (issue 4, item 9): bursts of anomalies,
/// duplicated answers, and two decision hosts competing for one queue and one database. One rollback per decision, always.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const string Env = Policies.Production;

    private static async Task<Installation> StartAsync(CdReceiver cd, IReadOnlyList<string> services, params ServiceModule[] modules)
    {
        var installation = await Installation.CreateAsync(Policies.Document([.. services.Select(s => Policies.Service(s, Policies.CdTarget(cd, s)))]));
        try
        {
            foreach (var module in modules)
                await installation.StartAsync(module);
            return installation;
        }
        catch
        {
            await installation.DisposeAsync();
            throw;
        }
    }

    /// <summary>Records v1 and v2 of each service through the broker, v1 verified healthy, as the detector and time would.</summary>
    private static async Task DeployAsync(Installation installation, IReadOnlyList<string> services)
    {
        await Task.WhenAll(services.Select(s => installation.Probe.PublishAsync(Events.Deployment(s, "v1"))));
        foreach (var service in services)
            await installation.WaitForServiceAsync(Env, service, s => s.GetProperty("currentVersion").GetString() == "v1", $"{service} to run v1");
        installation.AdvanceClock(Policies.PastVerification);
        foreach (var service in services)
            await installation.WaitForServiceAsync(Env, service, s => Installation.Verdict(s, "v1") == "Healthy", $"v1 of {service} verified healthy");
        await Task.WhenAll(services.Select(s => installation.Probe.PublishAsync(Events.Deployment(s, "v2"))));
        foreach (var service in services)
            await installation.WaitForServiceAsync(Env, service, s => s.GetProperty("currentVersion").GetString() == "v2", $"{service} to run v2");
    }

    [Fact]
    public async Task Fifty_AnomalyDetected_for_one_service_at_once_on_two_decision_hosts_yield_exactly_one_RollbackRequested()
    {
        const string service = "checkout";
        await using var cd = await CdReceiver.StartAsync();
        await using var installation = await StartAsync(cd, [service], ServiceModule.Decision, ServiceModule.Decision, ServiceModule.Executor);
        await DeployAsync(installation, [service]);
        var counters = installation.Decisions.Select(ConsumeCounter.Attach).ToList();

        // The rollout takes a while (the CD system holds its answer): every anomaly of the burst reaches the saga while it
        // rolls back, none after the rollback is done, when a new anomaly would rightly mean that v1 is bad too.
        cd.Hold();
        var anomalies = Enumerable.Range(0, 50).Select(_ => Events.Anomaly(service)).ToList();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(anomalies.Select(a => installation.Probe.PublishAsync(a)));
        output.WriteLine($"50 AnomalyDetected published (confirmed by the broker) within {watch.Elapsed.TotalMilliseconds:0} ms");

        await installation.WaitUntilHandledAsync(Env, service, [.. anomalies.Select(a => a.AnomalyId)]);
        output.WriteLine($"Anomalies taken by each decision host: {string.Join(", ", counters.Select(c => c.Finished<AnomalyDetected>()))}");
        Assert.All(counters, c => Assert.True(c.Finished<AnomalyDetected>() > 0,
            "One decision host took the whole burst: the test did not race two hosts on one saga and proves less than it claims."));
        cd.Release();
        var requested = await installation.Probe.WaitForAsync<RollbackRequested>(r => r.Service == service, "the rollback");
        await installation.Probe.WaitForAsync<RollbackCompleted>(c => c.RequestId == requested.RequestId, "the executor's answer");
        var saga = await installation.WaitForStateAsync(Env, service, "Verifying");

        Assert.Single(installation.Probe.All<RollbackRequested>());
        Assert.Single(installation.Probe.All<IncidentOpened>());
        Assert.Single(installation.Probe.All<DecisionRecorded>(d => d.Outcome == DecisionOutcome.Rollback));
        Assert.Single(cd.Calls);
        Assert.Equal(["v2", "v1"], saga.GetProperty("chain").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains(anomalies, a => a.AnomalyId == installation.Probe.All<IncidentOpened>()[0].AnomalyId);
        await installation.AssertNothingFailedAsync();
    }

    [Fact]
    public async Task A_duplicated_RollbackCompleted_causes_no_second_transition()
    {
        const string service = "checkout";
        await using var cd = await CdReceiver.StartAsync();
        await using var installation = await StartAsync(cd, [service], ServiceModule.Decision);
        await DeployAsync(installation, [service]);
        var counter = ConsumeCounter.Attach(installation.Decisions.Single());
        var anomaly = Events.Anomaly(service);
        await installation.Probe.PublishAsync(anomaly);
        var requested = await installation.Probe.WaitForAsync<RollbackRequested>(r => r.Service == service, "the rollback");

        // No executor runs: the test answers for it, the same answer twice at once, as a redelivering broker would.
        var completed = Events.Completed(requested);
        await Task.WhenAll(installation.Probe.PublishAsync(completed), installation.Probe.PublishAsync(completed));
        await installation.WaitAsync(() => Task.FromResult(counter.Finished<RollbackCompleted>()), n => n >= 2, "both copies consumed");
        var verifying = await installation.WaitForStateAsync(Env, service, "Verifying");
        Assert.Equal(["v2", "v1"], verifying.GetProperty("chain").EnumerateArray().Select(v => v.GetString()));

        // A late redelivery, while verifying.
        await installation.Probe.PublishAsync(completed);
        await installation.WaitAsync(() => Task.FromResult(counter.Finished<RollbackCompleted>()), n => n >= 3, "the late copy consumed");
        verifying = await installation.WaitForStateAsync(Env, service, "Verifying");
        Assert.Equal(["v2", "v1"], verifying.GetProperty("chain").EnumerateArray().Select(v => v.GetString()));

        await installation.Probe.PublishAsync(Events.Cleared(anomaly));
        var resolved = await installation.Probe.WaitForAsync<IncidentResolved>(r => r.IncidentId == requested.IncidentId, "the resolution");
        Assert.Equal(["v2", "v1"], resolved.Chain);

        // And one after the incident is over.
        await installation.Probe.PublishAsync(completed);
        await installation.WaitAsync(() => Task.FromResult(counter.Finished<RollbackCompleted>()), n => n >= 4, "the copy after the resolution consumed");
        var cooling = await installation.WaitForStateAsync(Env, service, "CoolingDown");
        Assert.Equal("v1", cooling.GetProperty("currentVersion").GetString());

        Assert.Single(installation.Probe.All<DecisionRecorded>(d => d.Rule == "verify.start"));
        Assert.Single(installation.Probe.All<IncidentResolved>());
        Assert.Single(installation.Probe.All<RollbackRequested>());
        Assert.Equal(0, await installation.CountRowsAsync(ServiceModule.Decision, "scheduled_messages", "message_types LIKE '%VerificationElapsed%'"));
        await installation.AssertNothingFailedAsync();
    }

    [Fact]
    public async Task Two_decision_hosts_side_by_side_make_one_rollback_per_incident_and_resolve_every_incident_of_a_burst()
    {
        var services = Enumerable.Range(1, 20).Select(i => $"shop-{i:00}").ToList();
        await using var cd = await CdReceiver.StartAsync();
        await using var installation = await StartAsync(cd, services, ServiceModule.Decision, ServiceModule.Decision, ServiceModule.Executor);
        var counters = installation.Decisions.Select(ConsumeCounter.Attach).ToList();
        await DeployAsync(installation, services);

        // Per service three anomalies, and the first one delivered twice: 80 messages at once, shared by the two hosts, all
        // taken while the rollbacks are under way (the CD system holds its answers).
        var anomalies = services.ToDictionary(s => s, s => Enumerable.Range(0, 3).Select(_ => Events.Anomaly(s)).ToList());
        var burst = anomalies.Values.SelectMany(a => a.Append(a[0])).ToList();
        cd.Hold();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(burst.Select(a => installation.Probe.PublishAsync(a)));
        output.WriteLine($"{burst.Count} AnomalyDetected for {services.Count} services published within {watch.Elapsed.TotalMilliseconds:0} ms");

        foreach (var service in services)
            await installation.WaitUntilHandledAsync(Env, service, [.. anomalies[service].Select(a => a.AnomalyId)]);
        cd.Release();
        await installation.Probe.WaitForCountAsync<RollbackCompleted>(_ => true, services.Count, "a completed rollback per service", TimeSpan.FromSeconds(90));
        foreach (var service in services)
            await installation.WaitForStateAsync(Env, service, "Verifying");
        output.WriteLine($"Anomalies taken by each host: {string.Join(", ", counters.Select(c => c.Finished<AnomalyDetected>()))}");
        Assert.All(counters, c => Assert.True(c.Finished<AnomalyDetected>() > 0,
            "One decision host took the whole burst: the test did not run two hosts side by side and proves nothing."));

        foreach (var service in services)
            await installation.Probe.PublishAsync(Events.Cleared(anomalies[service][^1]));
        await installation.Probe.WaitForCountAsync<IncidentResolved>(_ => true, services.Count, "every incident resolved", TimeSpan.FromSeconds(90));
        foreach (var service in services)
            await installation.WaitForStateAsync(Env, service, "CoolingDown");

        foreach (var service in services)
        {
            Assert.Single(installation.Probe.All<IncidentOpened>(o => o.Service == service));
            Assert.Single(installation.Probe.All<RollbackRequested>(r => r.Service == service));
            Assert.Single(installation.Probe.All<IncidentResolved>(r => r.Service == service));
            Assert.Single(cd.Calls, c => c.Application == service);
        }

        Assert.Equal(services.Count, await installation.CountRowsAsync(ServiceModule.Executor, "executor_requests"));
        await installation.AssertNothingFailedAsync();
    }
}
