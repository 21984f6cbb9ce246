using System.Net.Http.Headers;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Remediation.Messaging;
using Remediation.Policy;
using Remediation.ServiceDefaults;
using Remediation.Testing;

namespace Remediation.Detector.Tests;

/// <summary>
/// The detector as its host runs it in production — service defaults, the module, the one bus on RabbitMQ, state and outbox
/// on PostgreSQL — with the test's policy and in-process HTTP. Start returns once the bus is connected.
/// </summary>
public sealed class BrokeredDetectorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BrokeredDetectorHost(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DetectorHost.IngestToken);
    }

    /// <summary>A client with the ingest role.</summary>
    public HttpClient Client { get; }

    public static async Task<BrokeredDetectorHost> StartAsync(RabbitMqVirtualHost virtualHost, PostgresDatabase database,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(virtualHost);
        ArgumentNullException.ThrowIfNull(database);

        // A bus sets MassTransit's async-local log context only when it is empty: start from a clean one, not a stopped host's.
        LogContext.Current = null;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(TestConfiguration.Create()
            .Add(virtualHost.Configuration)
            .Add(database.Configuration)
            .Add("Remediation:Auth:Tokens:0:Name", "monitoring")
            .Add("Remediation:Auth:Tokens:0:Token", DetectorHost.IngestToken)
            .Add("Remediation:Auth:Tokens:0:Roles:0", "ingest")
            .Add("Remediation:Detector:Mapping:AlertNameSignals:CheckoutSlow", "latency_p99_ms")
            .Add("Remediation:Detector:SweepInterval", "00:00:00.100")
            .Add("Remediation:Detector:OutboxRetryAfter", "00:00:01")
            .Add("Remediation:Detector:PublishTimeout", "00:00:03")
            .Add(settings ?? new Dictionary<string, string?>())
            .Pairs);

        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IPolicyProvider>(StaticPolicyProvider.FromYaml(DetectorHost.DefaultPolicy));
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(90);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        builder.AddDetector();
        builder.Services.AddRemediationMessaging(builder.Configuration);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapDetector();
        await app.StartAsync();
        return new BrokeredDetectorHost(app);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
