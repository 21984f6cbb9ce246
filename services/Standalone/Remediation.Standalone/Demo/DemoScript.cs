using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Remediation.Standalone.Demo;

/// <summary>
/// A bad deploy, end to end, in one process: the standalone host (all five modules, in-memory transport, SQLite), a
/// simulated shop with a good v1 and a bad v2, and simulated monitoring that measures real requests and posts
/// Alertmanager webhooks. v1 is deployed and verified, v2 is deployed, the error rate and latency climb, the detector
/// raises an anomaly, the decision saga rolls back, the executor calls the shop's deploy endpoint, the signals recover,
/// the incident resolves and the postmortem service writes the report. Prints the timeline and where the report is.
/// </summary>
internal static class DemoScript
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var log = new DemoLog(output);
        var work = Directory.CreateTempSubdirectory("remediation-demo-").FullName;
        string ingestToken = Token(), readerToken = Token(), deployToken = Token();

        await using var shop = await SimulatedShop.StartAsync(deployToken, cancellationToken);
        var policyPath = Path.Combine(work, "policy.yaml");
        await File.WriteAllTextAsync(policyPath, DemoPolicy.Yaml(shop.BaseAddress), cancellationToken);

        await using var app = StandaloneHost.Build([], new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            ["Remediation:Persistence:ConnectionString"] = $"Data Source={Path.Combine(work, "remediation.db")}",
            ["Remediation:Policy:Path"] = policyPath,
            ["Remediation:Scheduling:MaxIdle"] = "00:00:00.250",
            ["Remediation:Auth:Tokens:0:Name"] = "demo-monitoring",
            ["Remediation:Auth:Tokens:0:Token"] = ingestToken,
            ["Remediation:Auth:Tokens:0:Roles:0"] = "ingest",
            ["Remediation:Auth:Tokens:1:Name"] = "demo-reader",
            ["Remediation:Auth:Tokens:1:Token"] = readerToken,
            ["Remediation:Auth:Tokens:1:Roles:0"] = "read",
            ["Remediation:Executor:Credentials:shop:Header"] = "Authorization",
            ["Remediation:Executor:Credentials:shop:Value"] = $"Bearer {deployToken}",
        });
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var ingest = Client(address, ingestToken);
        using var reader = Client(address, readerToken);
        using var shopClient = new HttpClient { BaseAddress = shop.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        log.Line($"Remediation demo: all five services in one process at {address} (in-memory transport, SQLite in {work}).");
        log.Line($"The simulated '{DemoPolicy.Service}' service runs at {shop.BaseAddress}; v1 is good, v2 fails 30% of requests and is slow.");
        log.Line();

        using var stopMonitoring = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitoring = new SimulatedMonitoring(shopClient, ingest, DemoPolicy.Environment, DemoPolicy.Service, log).RunAsync(stopMonitoring.Token);
        try
        {
            await DeployAsync(shop, ingest, "v1", log, cancellationToken);
            await Until(log, "v1 verified healthy", async () =>
            {
                var view = await GetJsonAsync(reader, $"/api/decision/services/{DemoPolicy.Environment}/{DemoPolicy.Service}", cancellationToken);
                return view is { } v && v.GetProperty("versions").TryGetProperty("v1", out var health) &&
                       health.GetProperty("verdict").GetString() == "Healthy";
            }, cancellationToken);
            log.Step("decision", "v1 ran its verification period (6s) without anomalies: it is a safe rollback target");

            await DeployAsync(shop, ingest, "v2", log, cancellationToken);
            await Until(log, "the rollback", () => Task.FromResult(shop.Deployments.Exists(d => d.By == "executor")), cancellationToken);
            log.Step("executor", $"called the deploy endpoint: checkout is back on {shop.Version}");

            JsonElement incident = default;
            await Until(log, "the incident to resolve", async () =>
            {
                var page = await GetJsonAsync(reader,
                    $"/api/incidents?environment={DemoPolicy.Environment}&service={DemoPolicy.Service}&state=resolved", cancellationToken);
                if (page is not { } p || p.GetProperty("items").GetArrayLength() == 0)
                    return false;
                incident = p.GetProperty("items")[0];
                return true;
            }, cancellationToken);
            var id = incident.GetProperty("id").GetGuid();
            log.Step("decision", $"incident {id} resolved");

            await stopMonitoring.CancelAsync();
            await monitoring;

            await PrintTimelineAsync(reader, id, log, cancellationToken);
            var reportPath = await SaveReportAsync(reader, id, cancellationToken);
            log.Line();
            log.Line($"The post-incident report is in {reportPath}");
            log.Line($"(while a standalone host runs, it is served at GET /api/incidents/{id}/report).");
            return 0;
        }
        catch (TimeoutException ex)
        {
            log.Line();
            log.Line($"The demo did not complete: {ex.Message}");
            return 1;
        }
        finally
        {
            await stopMonitoring.CancelAsync();
            await monitoring;
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static async Task DeployAsync(SimulatedShop shop, HttpClient ingest, string version, DemoLog log, CancellationToken cancellationToken)
    {
        shop.Switch(version, "pipeline");
        using var response = await ingest.PostAsJsonAsync("/api/v1/deployments", new
        {
            id = $"pipeline-run-{version}",
            service = DemoPolicy.Service,
            environment = DemoPolicy.Environment,
            version,
            commit = version == "v2" ? "9f1c2ab" : "4e07d11",
            author = "dev@example.com",
            description = version == "v2" ? "Switch the payment client to the new SDK" : "Initial release",
        }, cancellationToken);
        response.EnsureSuccessStatusCode();
        log.Step("pipeline", $"deployed {DemoPolicy.Service} {version} and sent the deployment hook");
    }

    private static async Task PrintTimelineAsync(HttpClient reader, Guid id, DemoLog log, CancellationToken cancellationToken)
    {
        JsonElement detail = default;
        await Until(log, "the incident's timeline", async () =>
        {
            detail = await GetJsonAsync(reader, $"/api/incidents/{id}", cancellationToken) ?? default;
            return detail.ValueKind == JsonValueKind.Object;
        }, cancellationToken);

        var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
        var start = timeline.Count > 0 ? timeline[0].GetProperty("at").GetDateTimeOffset() : DateTimeOffset.UtcNow;
        log.Line();
        log.Line($"Timeline of incident {id}:");
        foreach (var entry in timeline)
        {
            var at = entry.GetProperty("at").GetDateTimeOffset() - start;
            log.Line($"  {at.TotalSeconds,6:+0.000}s  {entry.GetProperty("type").GetString(),-20}  {entry.GetProperty("summary").GetString()}");
        }
    }

    private static async Task<string> SaveReportAsync(HttpClient reader, Guid id, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(Path.Combine(".data", "demo"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"incident-{id}.md");
        var markdown = await reader.GetStringAsync($"/api/incidents/{id}/report?format=md", cancellationToken);
        await File.WriteAllTextAsync(path, markdown, cancellationToken);
        return path;
    }

    private static async Task Until(DemoLog log, string what, Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return;
            await Task.Delay(100, cancellationToken);
        }

        log.Step("demo", $"gave up waiting for {what}");
        throw new TimeoutException($"waited {StepTimeout.TotalSeconds:0}s for {what}");
    }

    private static async Task<JsonElement?> GetJsonAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken) : null;
    }

    private static HttpClient Client(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Token() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
