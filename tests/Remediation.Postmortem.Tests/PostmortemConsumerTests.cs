using Remediation.Contracts.Incidents;
using Remediation.Postmortem.Reports;
using static Remediation.Postmortem.Tests.Scenarios;

namespace Remediation.Postmortem.Tests;

/// <summary>The consumers on the bus (in-memory transport, the hosts' retry and outbox) under the test harness.</summary>
public sealed class PostmortemConsumerTests
{
    [Fact]
    public async Task Every_lifecycle_event_is_consumed_on_the_postmortem_queue_without_faults()
    {
        var ids = new Ids();
        await using var host = await PostmortemHarness.StartAsync();

        await host.PublishAllAsync(Fallback(ids));

        await host.WaitForReportAsync(ids.Incident);
        var consumed = host.Harness.Consumed.Select<IncidentResolved>(new CancellationToken(canceled: true)).Single();
        Assert.EndsWith("/postmortem", consumed.Context.ReceiveContext.InputAddress.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("no faults", host.Faults());
    }

    [Fact]
    public async Task Duplicated_and_reordered_deliveries_give_the_report_of_the_ordered_ones()
    {
        var ids = new Ids();
        await using var host = await PostmortemHarness.StartAsync();
        var messages = Fallback(ids).Concat(Fallback(ids)).Reverse().ToList();

        await host.PublishAllAsync(messages);

        await host.WaitForReportAsync(ids.Incident);
        await Wait.UntilAsync(() => Task.FromResult(host.Harness.Consumed.Select<object>(new CancellationToken(canceled: true)).Count() >= messages.Count),
            "every delivery consumed", host.Faults);
        var (_, stored) = await host.Queries.ReportAsync(ids.Incident, CancellationToken.None);
        var report = ReportJson.Deserialize(stored!.Json);
        var expected = ReportBuilder.Build(ReportInputs.From(ids.Incident, Fallback(ids)));
        Assert.Equal(expected.Summary, report.Summary);
        Assert.Equal(expected.Timeline.Select(t => (t.At, t.Type)), report.Timeline.Select(t => (t.At, t.Type)));
        Assert.Equal(expected.PreventiveActions, report.PreventiveActions);
        Assert.Equal("no faults", host.Faults());
    }
}
