namespace Remediation.Notifier.Tests;

public sealed class ServiceNowChannelTests
{
    [Fact]
    public async Task An_incident_creates_a_record_adds_work_notes_and_resolves_it_with_a_close_code()
    {
        await using var bench = await ChannelBench.StartAsync();
        await using var host = await NotifierTestHost.StartAsync(bench.Configuration("servicenow"));
        var story = new IncidentStory();

        await host.PublishAsync([.. story.All()]);
        await host.WaitUntilSettledAsync(5);

        Assert.Empty(bench.ServiceNow.Rejections);
        var record = Assert.Single(bench.ServiceNow.Incidents.Values);
        Assert.Equal("1", record.Fields["urgency"]);
        Assert.Equal($"remediation/{story.IncidentId:N}", record.Fields["correlation_id"]);
        Assert.Equal("6", record.State);
        Assert.Equal("Resolved by change", record.Fields["close_code"]);
        Assert.Equal(4, record.WorkNotes.Count);
        Assert.Contains(record.WorkNotes, n => n.Contains(IncidentStory.RollbackReason, StringComparison.Ordinal));
        Assert.Equal(["POST", "PATCH", "PATCH", "PATCH", "PATCH"], bench.ServiceNow.Requests.Select(r => r.Method));

        var reference = await host.QueryAsync(db => Task.FromResult(db.References.Single()));
        Assert.Equal(record.SysId, reference.ExternalId);
        Assert.Equal(record.Number, reference.DisplayId);
    }
}
