using System.Net.Http.Headers;
using System.Text;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Remediation.Messaging;
using Remediation.Policy;
using Remediation.ServiceDefaults;

namespace Remediation.Detector.Tests;

/// <summary>
/// The detector module in a host as the real one composes it (service defaults, module, endpoints), with MassTransit's test
/// harness as the bus and SQLite in a temporary directory. In-process (TestServer) by default, or on real Kestrel for
/// senders that must reach it over the network (a real Alertmanager).
/// </summary>
public sealed class DetectorHost : IAsyncDisposable
{
    public const string IngestToken = "ingest-token-0123456789";
    public const string ReaderToken = "reader-token-0123456789";
    public const string BasicUser = "alertmanager";
    public const string BasicPassword = "basic-password-0123456789";

    public const string DefaultPolicy = """
        services:
          - name: checkout
            environment: production
            target: { driver: none }
            detection:
              quorum: 2
              flap_suppression: 0s
              thresholds: { error_rate: 0.05, latency_p99_ms: 3000, quality_score: 0.75 }
          - name: payments
            environment: production
            target: { driver: none }
            detection: { quorum: 1, flap_suppression: 0s, thresholds: { error_rate: 0.05 } }
          - name: search
            environment: staging
            target: { driver: none }
            detection: { quorum: 3, flap_suppression: 0s }
        """;

    private readonly TempDirectory? _ownedDirectory;

    private readonly bool _kestrel;

    private DetectorHost(WebApplication app, HttpClient client, string databasePath, TempDirectory? ownedDirectory, bool kestrel)
    {
        _kestrel = kestrel;
        App = app;
        Client = client;
        DatabasePath = databasePath;
        _ownedDirectory = ownedDirectory;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public string DatabasePath { get; }

    public ITestHarness Harness => App.Services.GetRequiredService<ITestHarness>();

    public Uri BaseAddress => Client.BaseAddress!;

    public static async Task<DetectorHost> StartAsync(
        string? policy = null,
        string? databasePath = null,
        IDictionary<string, string?>? settings = null,
        bool kestrel = false)
    {
        TempDirectory? owned = null;
        if (databasePath is null)
        {
            owned = new TempDirectory();
            databasePath = Path.Combine(owned.Path, "detector.db");
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Remediation:Auth:Tokens:0:Name"] = "monitoring",
            ["Remediation:Auth:Tokens:0:Token"] = IngestToken,
            ["Remediation:Auth:Tokens:0:Roles:0"] = "ingest",
            ["Remediation:Auth:Tokens:1:Name"] = "dashboard",
            ["Remediation:Auth:Tokens:1:Token"] = ReaderToken,
            ["Remediation:Auth:Tokens:1:Roles:0"] = "read",
            ["Remediation:Auth:Users:0:Username"] = BasicUser,
            ["Remediation:Auth:Users:0:Password"] = BasicPassword,
            ["Remediation:Auth:Users:0:Roles:0"] = "ingest",
            ["Remediation:Persistence:Provider"] = "Sqlite",
            ["Remediation:Persistence:ConnectionString"] = $"Data Source={databasePath}",
            ["Remediation:Detector:SweepInterval"] = "00:00:00.100",
            ["Remediation:Detector:Mapping:AlertNameSignals:CheckoutSlow"] = "latency_p99_ms",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);

        if (kestrel)
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        else
            builder.WebHost.UseTestServer();

        builder.Services.AddSingleton<IPolicyProvider>(StaticPolicyProvider.FromYaml(policy ?? DefaultPolicy));
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        builder.AddDetector();
        builder.Services.AddMassTransitTestHarness(bus => bus.AddBusModules(builder.Services));

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapDetector();
        await app.StartAsync();

        HttpClient client;
        if (kestrel)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            client = new HttpClient { BaseAddress = new Uri(address) };
        }
        else
        {
            client = app.GetTestClient();
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IngestToken);
        return new DetectorHost(app, client, databasePath, owned, kestrel);
    }

    public static string Payload(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name));

    /// <summary>A client without credentials (the caller adds what it wants to test).</summary>
    public HttpClient CreateAnonymousClient() => _kestrel ? new HttpClient { BaseAddress = BaseAddress } : App.GetTestClient();

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, Action<HttpRequestMessage>? configure = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        configure?.Invoke(request);
        return (client ?? Client).SendAsync(request);
    }

    /// <summary>Messages of type <typeparamref name="T"/> published so far (the detector answers only after publishing).</summary>
    public List<T> Published<T>()
        where T : class => [.. Harness.Published.Select<T>().Select(m => m.Context.Message)];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _ownedDirectory?.Dispose();
    }
}
