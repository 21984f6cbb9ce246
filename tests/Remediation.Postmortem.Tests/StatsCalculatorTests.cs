using Remediation.Postmortem.Incidents;
using Remediation.Postmortem.Stats;
using static Remediation.Postmortem.Tests.Scenarios;

namespace Remediation.Postmortem.Tests;

public sealed class StatsCalculatorTests
{
    // checkout: 4 deployments, 2 of them led to a rollback (one named by id, one by version only); payments: 2 deployments, none failed.
    private static readonly DeploymentFact[] Deployments =
    [
        new(Guid.NewGuid(), "production", "checkout", "v1", T0.AddDays(-3)),
        new(Guid.NewGuid(), "production", "checkout", "v2", T0.AddDays(-2)),
        new(Guid.NewGuid(), "production", "checkout", "v3", T0.AddDays(-1)),
        new(Guid.NewGuid(), "production", "checkout", "v4", T0),
        new(Guid.NewGuid(), "production", "payments", "7.0", T0.AddDays(-2)),
        new(Guid.NewGuid(), "production", "payments", "7.1", T0),
    ];

    private static readonly IncidentFact[] Incidents =
    [
        // v2 failed: rolled back twice (fallback), resolved; detect 60 s, recover 600 s.
        Incident("checkout", T0.AddDays(-2).AddMinutes(5), IncidentState.Resolved, rollbacks: 2, suspect: Deployments[1].Id, detect: 60, recover: 600),
        // v4 failed, named by version only: one rollback that failed, escalated; detect 120 s.
        Incident("checkout", T0.AddMinutes(3), IncidentState.Escalated, rollbacks: 1, failed: 1, suspectVersion: "v4", detect: 120),
        // payments 7.1: an incident without rollback (cleared), so 7.1 does not count as failed; detect 30 s, recover 300 s.
        Incident("payments", T0.AddMinutes(10), IncidentState.Resolved, suspect: Deployments[5].Id, detect: 30, recover: 300),
    ];

    private static IncidentFact Incident(string service, DateTimeOffset opened, IncidentState state, int rollbacks = 0, int failed = 0, Guid? suspect = null,
        string? suspectVersion = null, double? detect = null, double? recover = null) => new()
    {
        Id = Guid.NewGuid(), Environment = "production", Service = service, OpenedAt = opened, State = state, Rollbacks = rollbacks, FailedRollbacks = failed,
        SuspectDeploymentId = suspect, SuspectVersion = suspectVersion,
        TimeToDetect = detect is { } d ? TimeSpan.FromSeconds(d) : null, TimeToRecover = recover is { } r ? TimeSpan.FromSeconds(r) : null,
    };

    [Fact]
    public void All_services_stats_count_deployments_failures_incidents_and_means()
    {
        var stats = StatsCalculator.Compute(Deployments, Incidents, null, null, perService: true);

        Assert.Equal(6, stats.Deployments);
        Assert.Equal(2, stats.FailedDeployments);
        Assert.Equal(0.3333, stats.ChangeFailureRate);
        Assert.Equal((3, 2, 1, 0), (stats.Incidents, stats.ResolvedIncidents, stats.EscalatedIncidents, stats.OpenIncidents));
        Assert.Equal((3, 1), (stats.Rollbacks, stats.FailedRollbacks));
        Assert.Equal(TimeSpan.FromSeconds(70), stats.MeanTimeToDetect);
        Assert.Equal(TimeSpan.FromSeconds(450), stats.MeanTimeToRecover);
    }

    [Fact]
    public void Per_service_stats_split_the_same_numbers()
    {
        var stats = StatsCalculator.Compute(Deployments, Incidents, null, null, perService: true);

        Assert.Equal(["checkout", "payments"], stats.Services!.Select(s => s.Service));
        var checkout = stats.Services![0];
        Assert.Equal((4, 2, 0.5, 2, 3), (checkout.Deployments, checkout.FailedDeployments, checkout.ChangeFailureRate!.Value, checkout.Incidents, checkout.Rollbacks));
        Assert.Equal(TimeSpan.FromSeconds(90), checkout.MeanTimeToDetect);
        Assert.Equal(TimeSpan.FromSeconds(600), checkout.MeanTimeToRecover);
        var payments = stats.Services![1];
        Assert.Equal((2, 0, 0.0, 1, 0), (payments.Deployments, payments.FailedDeployments, payments.ChangeFailureRate!.Value, payments.Incidents, payments.Rollbacks));
    }

    [Fact]
    public void Range_counts_what_happened_inside_it_and_keeps_failures_found_later()
    {
        // The last day only: v4 and 7.1 deployed, the v4 incident and the payments incident opened.
        var stats = StatsCalculator.Compute(Deployments, Incidents, T0.AddHours(-1), T0.AddHours(1), perService: false);

        Assert.Equal((2, 1, 0.5), (stats.Deployments, stats.FailedDeployments, stats.ChangeFailureRate!.Value));
        Assert.Equal((2, 1), (stats.Incidents, stats.Rollbacks));
        Assert.Null(stats.Services);
    }

    [Fact]
    public void No_deployments_leave_the_change_failure_rate_undefined()
    {
        var stats = StatsCalculator.Compute([], [], null, null, perService: true);

        Assert.Null(stats.ChangeFailureRate);
        Assert.Null(stats.MeanTimeToDetect);
        Assert.Empty(stats.Services!);
    }
}
