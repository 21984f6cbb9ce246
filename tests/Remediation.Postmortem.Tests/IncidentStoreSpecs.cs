using Microsoft.EntityFrameworkCore;
using Remediation.Contracts.Decisions;
using Remediation.Contracts.Deployments;
using Remediation.Contracts.Incidents;
using Remediation.Postmortem.Incidents;
using Remediation.Postmortem.Reports;
using static Remediation.Postmortem.Tests.Scenarios;

namespace Remediation.Postmortem.Tests;

/// <summary>
/// Recording through the store and the report writer: idempotence, order, attachment, late events, replicas. Run on each
/// database the service supports by a subclass that says how to start the module on it.
/// </summary>
public abstract class IncidentStoreSpecs
{
    /// <summary>Starts the module on a database of its own (empty).</summary>
    protected abstract Task<PostmortemServices> StartAsync();

    private static async Task<PostmortemReport> StoredReportAsync(PostmortemServices services, Guid incidentId)
    {
        var (_, stored) = await services.Queries.ReportAsync(incidentId, CancellationToken.None);
        Assert.NotNull(stored);
        return ReportJson.Deserialize(stored.Json);
    }

    /// <summary>The report without what legitimately differs between two writings of it.</summary>
    private static string Comparable(PostmortemReport report) => ReportJson.Serialize(report with { GeneratedAt = default });

    [Fact]
    public async Task Fallback_incident_recorded_in_order_is_resolved_with_its_report_written()
    {
        var ids = new Ids();
        await using var services = await StartAsync();

        await services.RecordAllAsync(Fallback(ids));

        var detail = await services.Queries.GetAsync(ids.Incident, CancellationToken.None);
        Assert.NotNull(detail);
        Assert.Equal(IncidentState.Resolved, detail.Incident.State);
        Assert.Equal(["v2", "v1", "v0"], detail.Incident.Chain);
        Assert.Equal(2, detail.Incident.Rollbacks);
        Assert.Equal(TimeSpan.FromSeconds(190), detail.Incident.TimeToDetect);
        Assert.Equal(14, detail.Timeline.Count);
        Assert.Equal("deployment", detail.Timeline[0].AttachedBy);
        Assert.Equal(Attachment.ByTime, detail.Timeline.Single(t => t.Type == "DecisionRecorded" && t.Summary.Contains("fallback", StringComparison.Ordinal)).AttachedBy);

        var report = await StoredReportAsync(services, ids.Incident);
        Assert.Equal(ReportBuilder.Build(ReportInputs.From(ids.Incident, Fallback(ids))).Summary, report.Summary);
        Assert.Equal(14, report.Timeline.Count);
        Assert.Contains("Prometheus is not configured", Assert.Single(report.Metrics.Notes), StringComparison.Ordinal);
        var (incident, stored) = await services.Queries.ReportAsync(ids.Incident, CancellationToken.None);
        Assert.Equal(incident!.Revision, stored!.BuiltFromRevision);
        Assert.StartsWith("# Postmortem: checkout in production: v2 rolled back to v0, resolved", stored.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redelivered_events_are_recorded_once_and_do_not_rewrite_the_report()
    {
        var ids = new Ids();
        await using var services = await StartAsync();
        await services.RecordAllAsync(Fallback(ids));
        var before = await services.Queries.ReportAsync(ids.Incident, CancellationToken.None);

        await services.RecordAllAsync(Fallback(ids));
        await services.RecordAllAsync(Fallback(ids).Reverse());

        var after = await services.Queries.ReportAsync(ids.Incident, CancellationToken.None);
        Assert.Equal(before.Incident!.Revision, after.Incident!.Revision);
        Assert.Equal(before.Report!.GeneratedAt, after.Report!.GeneratedAt);
        Assert.Equal(13, await services.DbAsync(db => db.Timeline.CountAsync()));
        Assert.Equal(3, await services.DbAsync(db => db.Deployments.CountAsync()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Events_in_any_order_give_the_same_incident_and_report(int seed)
    {
        var ids = new Ids();
        List<object> shuffled = [.. Fallback(ids).Select((m, i) => (m, key: new Random(seed * 100 + i).Next())).OrderBy(x => x.key).Select(x => x.m)];
        await using var inOrder = await StartAsync();
        await using var outOfOrder = await StartAsync();

        await inOrder.RecordAllAsync(Fallback(ids));
        await outOfOrder.RecordAllAsync(shuffled);

        var expected = await inOrder.Queries.GetAsync(ids.Incident, CancellationToken.None);
        var actual = await outOfOrder.Queries.GetAsync(ids.Incident, CancellationToken.None);
        Assert.Equal(ReportJson.Serialize(expected!.Incident), ReportJson.Serialize(actual!.Incident));
        Assert.Equal(expected.Timeline.Select(t => (t.At, t.Type, t.AttachedBy)), actual.Timeline.Select(t => (t.At, t.Type, t.AttachedBy)));
        Assert.Equal(Comparable(await StoredReportAsync(inOrder, ids.Incident)), Comparable(await StoredReportAsync(outOfOrder, ids.Incident)));
    }

    [Fact]
    public async Task Events_before_the_incident_opened_are_kept_and_attached_when_it_opens()
    {
        var ids = new Ids();
        await using var services = await StartAsync();
        var all = Fallback(ids);
        var early = all.Where(m => m is not IncidentOpened).ToList();

        await services.RecordAllAsync(early);

        Assert.Null(await services.Queries.GetAsync(ids.Incident, CancellationToken.None));
        Assert.Equal(0, (await services.Queries.ListAsync(new Api.IncidentFilter(), CancellationToken.None)).Total);
        Assert.Equal(0, await services.DbAsync(db => db.Reports.CountAsync()));
        Assert.Equal(5, await services.DbAsync(db => db.Timeline.CountAsync(t => t.IncidentId == null)));

        await services.RecordAllAsync(all.OfType<IncidentOpened>());

        var detail = await services.Queries.GetAsync(ids.Incident, CancellationToken.None);
        Assert.Equal(IncidentState.Resolved, detail!.Incident.State);
        Assert.Equal(0, await services.DbAsync(db => db.Timeline.CountAsync(t => t.IncidentId == null)));
        Assert.Equal(ReportBuilder.Build(ReportInputs.From(ids.Incident, all)).Summary, (await StoredReportAsync(services, ids.Incident)).Summary);
    }

    [Fact]
    public async Task Anomaly_after_the_incident_ended_waits_for_the_incident_it_opens()
    {
        var ids = new Ids();
        var next = new Ids { DeployV0 = ids.DeployV0, DeployV1 = ids.DeployV1, DeployV2 = ids.DeployV2 };
        await using var services = await StartAsync();
        await services.RecordAllAsync(Fallback(ids));

        var later = Anomaly(next.Anomaly1, At(50));
        await services.RecordAllAsync([later]);

        Assert.Equal(1, await services.DbAsync(db => db.Timeline.CountAsync(t => t.IncidentId == null)));
        await services.RecordAllAsync([Opened(next) with { DetectedAt = At(50), OpenedAt = At(50, 1), OccurredAt = At(50, 1) }]);

        var second = await services.Queries.GetAsync(next.Incident, CancellationToken.None);
        Assert.Equal(["AnomalyDetected", "IncidentOpened"], second!.Timeline.Where(t => t.AttachedBy != "deployment").Select(t => t.Type).Order());
        Assert.Equal(Attachment.ByAnomaly, second.Timeline.Single(t => t.Type == "AnomalyDetected").AttachedBy);
        Assert.Equal(14, (await services.Queries.GetAsync(ids.Incident, CancellationToken.None))!.Timeline.Count);
    }

    [Fact]
    public async Task Late_event_after_the_report_was_written_rewrites_it()
    {
        var ids = new Ids();
        await using var services = await StartAsync();
        var late = Fallback(ids).OfType<DecisionRecorded>().Single(d => d.Rule == "rollback.fallback");
        await services.RecordAllAsync(Fallback(ids).Where(m => m is not DecisionRecorded { Rule: "rollback.fallback" }));
        var first = await StoredReportAsync(services, ids.Incident);
        Assert.DoesNotContain(first.Decisions, d => d.Rule == "rollback.fallback");

        await services.RecordAllAsync([late]);

        var rewritten = await StoredReportAsync(services, ids.Incident);
        Assert.Contains(rewritten.Decisions, d => d.Rule == "rollback.fallback");
        var (incident, stored) = await services.Queries.ReportAsync(ids.Incident, CancellationToken.None);
        Assert.Equal(incident!.Revision, stored!.BuiltFromRevision);
    }

    [Fact]
    public async Task Late_deployment_record_fills_in_the_suspect_change()
    {
        var ids = new Ids();
        await using var services = await StartAsync();
        await services.RecordAllAsync(Fallback(ids).Where(m => m is not DeploymentRecorded));
        Assert.Null((await StoredReportAsync(services, ids.Incident)).SuspectChange!.Source);

        await services.RecordAllAsync(Fallback(ids).OfType<DeploymentRecorded>());

        var report = await StoredReportAsync(services, ids.Incident);
        Assert.Equal(("hook", "registry.local/checkout:v2"), (report.SuspectChange!.Source, report.SuspectChange.Image));
        Assert.Equal("DeploymentRecorded", report.Timeline[0].Type);
    }

    [Fact]
    public async Task Two_replicas_recording_the_same_events_at_once_agree_with_one_recording_in_order()
    {
        var ids = new Ids();
        await using var expected = await StartAsync();
        await expected.RecordAllAsync(Fallback(ids));
        await using var first = await StartAsync();
        await using var second = await first.StartReplicaAsync();

        // Every event goes to both replicas (a redelivery racing the original), in opposite orders, at the same time.
        await Task.WhenAll(
            Task.Run(() => first.RecordAllAsync(Fallback(ids))),
            Task.Run(() => second.RecordAllAsync(Fallback(ids).Reverse())),
            Task.Run(() => Task.WhenAll(Fallback(ids).Select(m => first.Recorder.RecordAsync(m, CancellationToken.None)))));

        var want = await expected.Queries.GetAsync(ids.Incident, CancellationToken.None);
        var got = await second.Queries.GetAsync(ids.Incident, CancellationToken.None);
        Assert.Equal(ReportJson.Serialize(want!.Incident), ReportJson.Serialize(got!.Incident));
        Assert.Equal(want.Timeline.Select(t => (t.At, t.Type, t.AttachedBy)), got.Timeline.Select(t => (t.At, t.Type, t.AttachedBy)));
        Assert.Equal(13, await first.DbAsync(db => db.Timeline.CountAsync()));
        Assert.Equal(Comparable(await StoredReportAsync(expected, ids.Incident)), Comparable(await StoredReportAsync(second, ids.Incident)));
    }
}
