using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Remediation.Messaging;
using Remediation.Policy;
using Remediation.Postmortem.Api;
using Remediation.ServiceDefaults;

namespace Remediation.Postmortem.Tests;

/// <summary>
/// The postmortem module as its host runs it — service defaults, the bus set up as every host sets it up (retry, outbox)
/// on MassTransit's in-memory transport under the test harness, SQLite, the HTTP API on a test server.
/// </summary>
public sealed class PostmortemHarness : IAsyncDisposable
{
    public const string ReaderToken = "reader-token-for-postmortem-01";
    public const string IngestToken = "ingest-token-for-postmortem-01";

    private readonly WebApplication _host;
    private readonly string _directory;

    private PostmortemHarness(WebApplication host, string directory)
    {
        _host = host;
        _directory = directory;
        Harness = host.Services.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }

    public IncidentQueries Queries => _host.Services.GetRequiredService<IncidentQueries>();

    public HttpClient Client(string? token = ReaderToken)
    {
        var client = _host.GetTestClient();
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<PostmortemHarness> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("postmortem-tests-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Remediation:Persistence:Provider"] = "Sqlite",
            ["Remediation:Persistence:ConnectionString"] = $"Data Source={Path.Combine(directory, "postmortem.db")}",
            ["Remediation:Messaging:Transport"] = "InMemory",
            ["Remediation:Auth:Tokens:0:Name"] = "dashboard",
            ["Remediation:Auth:Tokens:0:Token"] = ReaderToken,
            ["Remediation:Auth:Tokens:0:Roles:0"] = "read",
            ["Remediation:Auth:Tokens:1:Name"] = "alertmanager",
            ["Remediation:Auth:Tokens:1:Token"] = IngestToken,
            ["Remediation:Auth:Tokens:1:Roles:0"] = "ingest",
        });
        builder.Services.AddSingleton<IPolicyProvider>(StaticPolicyProvider.FromYaml(PostmortemServices.Policy));
        builder.AddPostmortem();

        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>()!;
        builder.Services.AddMassTransitTestHarness(bus => bus.AddRemediationBus(builder.Services, options));
        builder.Services.Configure<TestHarnessOptions>(o =>
        {
            // The tests wait on conditions of their own; keep the harness alive for the whole test.
            o.TestTimeout = TimeSpan.FromMinutes(10);
            o.TestInactivityTimeout = TimeSpan.FromMinutes(10);
        });

        var host = builder.Build();
        host.MapDefaultEndpoints();
        host.MapPostmortem();
        await host.StartAsync();
        return new PostmortemHarness(host, directory);
    }

    public async Task PublishAllAsync(IEnumerable<object> messages)
    {
        foreach (var message in messages)
            await Harness.Bus.Publish(message, message.GetType());
    }

    /// <summary>Waits until the incident's report is stored and reflects all of its events, and that nothing faulted.</summary>
    public Task WaitForReportAsync(Guid incidentId, Func<Storage.ReportRow, bool>? match = null) =>
        Wait.UntilAsync(async () =>
        {
            var (incident, report) = await Queries.ReportAsync(incidentId, CancellationToken.None);
            return incident is not null && report is not null && report.BuiltFromRevision == incident.Revision && (match?.Invoke(report) ?? true);
        }, $"the report of incident {incidentId}", () => Faults());

    /// <summary>The faults published so far (none is expected).</summary>
    public string Faults()
    {
        var faults = Harness.Published.Select<Fault>(new CancellationToken(canceled: true)).Select(f => f.Context.Message).ToList();
        return faults.Count == 0 ? "no faults" : string.Join("; ", faults.SelectMany(f => f.Exceptions).Select(e => $"{e.ExceptionType}: {e.Message}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
