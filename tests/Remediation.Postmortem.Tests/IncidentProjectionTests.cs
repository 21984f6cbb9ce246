using Remediation.Contracts.Incidents;
using Remediation.Postmortem.Events;
using Remediation.Postmortem.Incidents;
using static Remediation.Postmortem.Tests.Scenarios;

namespace Remediation.Postmortem.Tests;

public sealed class IncidentProjectionTests
{
    private static readonly Ids Ids = new();
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    private static List<LifecycleEvent> Events(IEnumerable<object> messages) =>
        [.. messages.Where(m => m is not Contracts.Deployments.DeploymentRecorded).Select((m, i) => LifecycleEvents.Describe(m, i))];

    [Fact]
    public void Fallback_incident_projects_to_resolved_with_its_chain_and_timings()
    {
        var incident = IncidentProjection.Project(Ids.Incident, Events(Fallback(Ids)), Window);

        Assert.True(incident.Opened);
        Assert.Equal(IncidentState.Resolved, incident.State);
        Assert.Equal(("production", "checkout"), (incident.Environment, incident.Service));
        Assert.Equal(["v2", "v1", "v0"], incident.Chain);
        Assert.Equal(("v2", "v0"), (incident.CurrentVersion, incident.FinalVersion));
        Assert.Equal((2, 0), (incident.Rollbacks, incident.FailedRollbacks));
        Assert.Equal(new IncidentWindow(Ids.Incident, Ids.Anomaly1, At(3, 10), At(15, 10)), incident.Window);
        Assert.Equal(TimeSpan.FromSeconds(720), incident.Timings.TimeToRecover);
    }

    [Fact]
    public void Events_before_the_incident_opened_project_to_an_unopened_incident()
    {
        var early = Fallback(Ids).OfType<Contracts.Rollbacks.RollbackRequested>();

        var incident = IncidentProjection.Project(Ids.Incident, Events(early), Window);

        Assert.False(incident.Opened);
        Assert.Null(incident.Window);
        Assert.Equal(IncidentState.Open, incident.State);
        Assert.Equal(2, incident.Rollbacks);
    }

    [Fact]
    public void Resolution_wins_over_an_earlier_escalation()
    {
        var messages = Escalated(Ids).Append(new IncidentResolved
        {
            IncidentId = Ids.Incident, Environment = "production", Service = "checkout", Resolution = "manual", ResolvedVersion = "v1",
            ResolvedAt = At(40), OccurredAt = At(40),
        });

        var incident = IncidentProjection.Project(Ids.Incident, Events(messages), Window);

        Assert.Equal(IncidentState.Resolved, incident.State);
        Assert.Equal("rollback-failed", incident.EscalationReasonCode);
        Assert.Equal(At(40), incident.EndedAt);
    }

    [Fact]
    public void Chain_is_built_from_completed_rollbacks_when_the_end_event_has_none()
    {
        var messages = Fallback(Ids).Where(m => m is not IncidentResolved);

        var incident = IncidentProjection.Project(Ids.Incident, Events(messages), Window);

        Assert.Equal(["v2", "v1", "v0"], incident.Chain);
        Assert.Equal(IncidentState.Open, incident.State);
    }

    [Fact]
    public void Names_are_normalised_to_lower_case()
    {
        var opened = Opened(Ids) with { Environment = " Production ", Service = "CheckOut" };

        var incident = IncidentProjection.Project(Ids.Incident, Events([opened]), Window);

        Assert.Equal(("production", "checkout"), (incident.Environment, incident.Service));
    }
}
