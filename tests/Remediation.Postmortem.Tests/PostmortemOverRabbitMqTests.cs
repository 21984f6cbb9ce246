using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Remediation.Messaging;
using Remediation.Policy;
using Remediation.Postmortem.Api;
using Remediation.Postmortem.Reports;
using Remediation.ServiceDefaults;
using Remediation.Testing;
using static Remediation.Postmortem.Tests.Scenarios;

namespace Remediation.Postmortem.Tests;

/// <summary>
/// The postmortem host on real RabbitMQ and PostgreSQL: a full incident with a fallback, published by another process's
/// bus with every event twice and out of order, ends in one report with every section, served over HTTP.
/// </summary>
public sealed class PostmortemOverRabbitMqTests : IAsyncLifetime
{
    private const string ReaderToken = "reader-token-for-rabbitmq-tests";
    private RabbitMqVirtualHost _broker = null!;
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _broker = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        _database = await (await PostgresServer.GetSharedAsync()).CreateDatabaseAsync("postmortem");
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _broker.DisposeAsync();
    }

    private IConfiguration Configuration() => TestConfiguration.Create()
        .Add(_broker.Configuration)
        .Add(_database.Configuration)
        .Add("Remediation:Auth:Tokens:0:Name", "dashboard")
        .Add("Remediation:Auth:Tokens:0:Token", ReaderToken)
        .Add("Remediation:Auth:Tokens:0:Roles:0", "read")
        .Build();

    private async Task<WebApplication> StartPostmortemAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddConfiguration(Configuration());
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IPolicyProvider>(StaticPolicyProvider.FromYaml(PostmortemServices.Policy));
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.AddPostmortem();
        builder.Services.AddRemediationMessaging(builder.Configuration);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapPostmortem();
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Full_incident_over_RabbitMQ_gives_one_report_with_every_section()
    {
        var ids = new Ids();
        await using var postmortem = await StartPostmortemAsync();
        var publisher = await TestHost.StartAsync(Configuration(), b => b.Services.AddRemediationMessaging(b.Configuration));
        try
        {
            var bus = publisher.Services.GetRequiredService<IBus>();
            var messages = Fallback(ids).Concat(Fallback(ids)).Select((m, i) => (m, key: (i * 7919) % 31)).OrderBy(x => x.key).Select(x => x.m).ToList();
            foreach (var message in messages)
                await bus.Publish(message, message.GetType());

            var queries = postmortem.Services.GetRequiredService<IncidentQueries>();
            await Eventually.UntilAsync(async () =>
            {
                var (incident, report) = await queries.ReportAsync(ids.Incident, CancellationToken.None);
                return incident is { EventCount: 13 } && report?.BuiltFromRevision == incident.Revision;
            }, TimeSpan.FromSeconds(90), "the incident's 13 events recorded and its report written from all of them");
        }
        finally
        {
            await publisher.StopAndDisposeAsync();
        }

        var client = postmortem.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReaderToken);
        var markdown = await client.GetStringAsync($"/api/incidents/{ids.Incident}/report");
        string[] sections =
        [
            "## Summary", "## Timings", "## Suspect change", "## Signals", "## Decisions", "## Rollback chain", "## Metrics before and after",
            "## Timeline", "## Preventive actions",
        ];
        Assert.All(sections, s => Assert.Contains(s, markdown, StringComparison.Ordinal));
        var report = ReportJson.Deserialize(await client.GetStringAsync($"/api/incidents/{ids.Incident}/report?format=json"));
        var expected = ReportBuilder.Build(ReportInputs.From(ids.Incident, Fallback(ids)));
        Assert.Equal(expected.Summary, report.Summary);
        Assert.Equal(["v2", "v1", "v0"], report.Rollback.Chain);
        Assert.Equal(expected.Timeline.Select(t => (t.At, t.Type, t.Summary)), report.Timeline.Select(t => (t.At, t.Type, t.Summary)));
        Assert.Equal(expected.PreventiveActions, report.PreventiveActions);

        var queue = await _broker.GetQueueAsync("postmortem");
        Assert.NotNull(queue);
        Assert.Null(await _broker.GetQueueAsync("postmortem_error"));
    }
}
