using Remediation.Postmortem.Incidents;
using static Remediation.Postmortem.Tests.Scenarios;

namespace Remediation.Postmortem.Tests;

public sealed class AnomalyAttachmentTests
{
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();
    private static readonly Guid OpeningAnomaly = Guid.NewGuid();

    private static readonly IncidentWindow[] Windows =
    [
        new(First, OpeningAnomaly, At(3), At(15)),
        new(Second, Guid.NewGuid(), At(30), null),
    ];

    [Fact]
    public void Anomaly_that_opened_an_incident_attaches_to_it_whatever_its_time()
    {
        var attachment = AnomalyAttachment.Assign(OpeningAnomaly, At(2, 59), Windows);

        Assert.Equal(new Attachment(First, Attachment.ByAnomaly), attachment);
    }

    [Fact]
    public void Anomaly_during_an_incident_attaches_to_it_by_time()
    {
        Assert.Equal(new Attachment(First, Attachment.ByTime), AnomalyAttachment.Assign(Guid.NewGuid(), At(6), Windows));
        Assert.Equal(new Attachment(First, Attachment.ByTime), AnomalyAttachment.Assign(null, At(15), Windows));
    }

    [Fact]
    public void Anomaly_after_an_incident_ended_and_before_the_next_attaches_to_none()
    {
        Assert.Null(AnomalyAttachment.Assign(Guid.NewGuid(), At(20), Windows));
        Assert.Null(AnomalyAttachment.Assign(Guid.NewGuid(), At(1), Windows));
    }

    [Fact]
    public void Anomaly_while_an_incident_is_still_open_attaches_to_it()
    {
        Assert.Equal(new Attachment(Second, Attachment.ByTime), AnomalyAttachment.Assign(Guid.NewGuid(), At(300), Windows));
    }

    [Fact]
    public void Overlapping_incidents_take_the_latest_opened()
    {
        IncidentWindow[] overlapping = [new(First, null, At(0), null), new(Second, null, At(5), null)];

        Assert.Equal(Second, AnomalyAttachment.Assign(null, At(6), overlapping)!.IncidentId);
    }
}
