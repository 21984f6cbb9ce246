using System.Text.Json;
using Remediation.Contracts.Anomalies;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Incidents;
using Remediation.Contracts.Rollbacks;
using Remediation.Integration.Tests.Support;

namespace Remediation.Integration.Tests;

/// <summary>
/// The whole loop across the five services, each in its own host, over real RabbitMQ and PostgreSQL, acting on a real
/// HAProxy in front of one backend per version: a deployment hook and Alertmanager webhooks into the detector, the
/// decision saga, the executor's haproxy driver, verification, the notifier's webhook channel and the postmortem report.
/// </summary>
public sealed class WholeLoopTests
{
    private const string Service = "checkout";
    private const string Env = Policies.Production;

    private static async Task<(HaproxyBlueGreen Stack, Installation Installation)> StartAsync(IReadOnlyList<string> versions, string serving)
    {
        var stack = await HaproxyBlueGreen.StartAsync(versions, serving);
        try
        {
            var installation = await Installation.CreateAsync(Policies.Document(Policies.Service(Service, stack.TargetYaml("      "))));
            try
            {
                await installation.StartServicesAsync();
                return (stack, installation);
            }
            catch
            {
                await installation.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deploys the versions in order as the CD system would (HAProxy switch, then the hook), each verified healthy.</summary>
    private static async Task ReleaseHealthyAsync(HaproxyBlueGreen stack, Installation installation, params string[] versions)
    {
        foreach (var version in versions)
        {
            await stack.DeployAsync(version);
            await installation.DeployAsync(Service, version);
            await installation.SoakAsync(Service, version);
        }
    }

    /// <summary>The bad deploy: HAProxy switched to <paramref name="version"/>, the hook posted, and then the alerts fire.</summary>
    private static async Task<IncidentOpened> DeployBadAsync(HaproxyBlueGreen stack, Installation installation, Alertmanager alerts, string version)
    {
        await stack.DeployAsync(version);
        await installation.DeployAsync(Service, version);

        var answer = await installation.PostAlertsAsync(alerts.Firing());
        Assert.Equal(1, answer.GetProperty("published").GetInt32());
        var detected = await installation.Probe.WaitForAsync<AnomalyDetected>(a => a.Service == Service, "the detector's anomaly");
        Assert.Equal(["error_rate", "latency_p99_ms"], detected.Signals.Select(s => s.Name).Order());
        return await installation.Probe.WaitForAsync<IncidentOpened>(o => o.AnomalyId == detected.AnomalyId, "the incident");
    }

    [Fact]
    public async Task A_bad_deploy_is_rolled_back_on_HAProxy_verified_resolved_notified_and_reported()
    {
        var (stack, installation) = await StartAsync(["v1", "v2"], serving: "v1");
        await using var _ = stack;
        await using var __ = installation;
        var alerts = new Alertmanager(Env, Service);
        await ReleaseHealthyAsync(stack, installation, "v1");

        var incident = await DeployBadAsync(stack, installation, alerts, "v2");
        Assert.Equal("v2", incident.SuspectDeployment?.Version);

        var requested = await installation.Probe.WaitForAsync<RollbackRequested>(r => r.IncidentId == incident.IncidentId, "the rollback");
        Assert.Equal(("v2", "v1", 1), (requested.FromVersion, requested.ToVersion, requested.Depth));
        var completed = await installation.Probe.WaitForAsync<RollbackCompleted>(c => c.RequestId == requested.RequestId, "the executor's answer");
        Assert.Equal(("haproxy", "v2", "v1", false), (completed.Driver, completed.FromVersion, completed.ToVersion, completed.AlreadyAtTarget));
        Assert.Equal(new HashSet<string> { "v1" }, await stack.ServingAsync());
        await installation.WaitForStateAsync(Env, Service, "Verifying");

        await installation.PostAlertsAsync(alerts.Resolved());
        var resolved = await installation.Probe.WaitForAsync<IncidentResolved>(r => r.IncidentId == incident.IncidentId, "the resolution");
        Assert.Equal(("cleared", "v1"), (resolved.Resolution, resolved.ResolvedVersion));
        Assert.Equal(["v2", "v1"], resolved.Chain);

        var saga = await installation.WaitForStateAsync(Env, Service, "CoolingDown");
        Assert.Equal("v1", saga.GetProperty("currentVersion").GetString());
        Assert.Equal("Bad", Installation.Verdict(saga, "v2"));
        Assert.Single(installation.Probe.All<RollbackRequested>());
        Assert.Equal("completed", (await installation.ExecutorRequestAsync(requested.RequestId)).GetProperty("state").GetString());

        await AssertNotifiedAsync(installation, incident.IncidentId, "IncidentOpened", "RollbackRequested", "RollbackCompleted", "IncidentResolved");
        var report = await AssertReportedAsync(installation, incident.IncidentId, "resolved", ["v2", "v1"]);
        Assert.Equal("haproxy", report.GetProperty("rollback").GetProperty("steps")[0].GetProperty("driver").GetString());
        await installation.AssertNothingFailedAsync();
    }

    [Fact]
    public async Task When_v1_is_bad_too_the_incident_falls_back_to_v0_on_HAProxy_and_resolves_there()
    {
        var (stack, installation) = await StartAsync(["v0", "v1", "v2"], serving: "v0");
        await using var _ = stack;
        await using var __ = installation;
        var alerts = new Alertmanager(Env, Service);
        await ReleaseHealthyAsync(stack, installation, "v0", "v1");
        var incident = await DeployBadAsync(stack, installation, alerts, "v2");

        var first = await installation.Probe.WaitForAsync<RollbackRequested>(r => r.IncidentId == incident.IncidentId, "the rollback to v1");
        Assert.Equal(("v2", "v1"), (first.FromVersion, first.ToVersion));
        await installation.WaitForStateAsync(Env, Service, "Verifying");
        await stack.WaitUntilServingOnlyAsync("v1");

        // The alerts keep firing on v1: when its verification period ends, the saga falls back one version further.
        installation.AdvanceClock(Policies.PastVerification);
        var second = await installation.Probe.WaitForAsync<RollbackRequested>(r => r.IncidentId == incident.IncidentId && r.Depth == 2, "the fallback to v0");
        Assert.Equal(("v1", "v0"), (second.FromVersion, second.ToVersion));
        await installation.Probe.WaitForAsync<RollbackCompleted>(c => c.RequestId == second.RequestId, "the executor's answer to the fallback");
        await stack.WaitUntilServingOnlyAsync("v0");
        await installation.WaitForStateAsync(Env, Service, "Verifying");

        await installation.PostAlertsAsync(alerts.Resolved());
        var resolved = await installation.Probe.WaitForAsync<IncidentResolved>(r => r.IncidentId == incident.IncidentId, "the resolution on v0");
        Assert.Equal(["v2", "v1", "v0"], resolved.Chain);
        Assert.Equal("v0", resolved.ResolvedVersion);

        var saga = await installation.WaitForStateAsync(Env, Service, "CoolingDown");
        Assert.Equal(("Bad", "Bad"), (Installation.Verdict(saga, "v2"), Installation.Verdict(saga, "v1")));
        Assert.Equal(2, installation.Probe.All<RollbackRequested>().Count);
        var report = await AssertReportedAsync(installation, incident.IncidentId, "resolved", ["v2", "v1", "v0"]);
        Assert.Equal(["completed", "completed"], report.GetProperty("rollback").GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("outcome").GetString()));
        await installation.AssertNothingFailedAsync();
    }

    [Fact]
    public async Task When_no_healthy_version_is_left_the_incident_escalates_and_automation_pauses()
    {
        var (stack, installation) = await StartAsync(["v0", "v1", "v2"], serving: "v0");
        await using var _ = stack;
        await using var __ = installation;
        var alerts = new Alertmanager(Env, Service);
        await ReleaseHealthyAsync(stack, installation, "v0", "v1");
        var incident = await DeployBadAsync(stack, installation, alerts, "v2");

        await installation.Probe.WaitForAsync<RollbackRequested>(r => r.IncidentId == incident.IncidentId, "the rollback to v1");
        await installation.WaitForStateAsync(Env, Service, "Verifying");
        installation.AdvanceClock(Policies.PastVerification);
        var fallback = await installation.Probe.WaitForAsync<RollbackRequested>(r => r.IncidentId == incident.IncidentId && r.Depth == 2, "the fallback to v0");
        await installation.Probe.WaitForAsync<RollbackCompleted>(c => c.RequestId == fallback.RequestId, "the executor's answer to the fallback");
        await installation.WaitForStateAsync(Env, Service, "Verifying");

        // v0 does not hold either, and there is nothing older: humans take over.
        installation.AdvanceClock(Policies.PastVerification);
        var escalated = await installation.Probe.WaitForAsync<IncidentEscalated>(e => e.IncidentId == incident.IncidentId, "the escalation");
        Assert.Contains(escalated.ReasonCode, new[] { "depth-limit", "chain-exhausted" });
        Assert.Equal(["v2", "v1", "v0"], escalated.Chain);

        var saga = await installation.WaitForStateAsync(Env, Service, "Escalated");
        Assert.Equal("v0", saga.GetProperty("currentVersion").GetString());
        Assert.Equal(2, installation.Probe.All<RollbackRequested>().Count);
        Assert.Empty(installation.Probe.All<IncidentResolved>());
        Assert.Equal(new HashSet<string> { "v0" }, await stack.ServingAsync());

        await AssertNotifiedAsync(installation, incident.IncidentId, "IncidentOpened", "RollbackRequested", "RollbackCompleted", "IncidentEscalated");
        await AssertReportedAsync(installation, incident.IncidentId, "escalated", ["v2", "v1", "v0"]);
        await installation.AssertNothingFailedAsync();
    }

    /// <summary>The webhook channel got each of these event types for the incident, and no event twice.</summary>
    private static async Task AssertNotifiedAsync(Installation installation, Guid incidentId, params string[] types)
    {
        var notifications = await installation.WaitAsync(() => Task.FromResult(installation.Receiver.For(incidentId)),
            n => types.All(t => n.Any(x => x.Type == t)), $"the webhook channel to deliver {string.Join(", ", types)}");
        Assert.Equal("IncidentOpened", notifications[0].Type);
        Assert.All(notifications.GroupBy(n => n.EventKey), g => Assert.Single(g));
    }

    /// <summary>The postmortem service lists the incident in its end state and serves its report with the rollback chain.</summary>
    private static async Task<JsonElement> AssertReportedAsync(Installation installation, Guid incidentId, string state, string[] chain)
    {
        var listed = await installation.WaitForIncidentAsync(incidentId, state);
        Assert.Equal(chain, listed.GetProperty("chain").EnumerateArray().Select(v => v.GetString()));

        var report = await installation.WaitAsync(() => installation.ReportAsync(incidentId), r => !r.TryGetProperty("draft", out var d) || !d.GetBoolean(),
            $"the final report of {incidentId}");
        Assert.Equal(state, report.GetProperty("state").GetString());
        Assert.Equal(chain, report.GetProperty("rollback").GetProperty("chain").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(chain.Length - 1, report.GetProperty("rollback").GetProperty("steps").GetArrayLength());

        var markdown = await installation.MarkdownReportAsync(incidentId);
        Assert.Contains("## Rollback chain", markdown, StringComparison.Ordinal);
        Assert.Contains(string.Join(" → ", chain), markdown, StringComparison.Ordinal);
        Assert.NotEmpty(installation.Probe.All<DeploymentRecorded>(d => d.Service == Service));
        return report;
    }
}
