using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Remediation.Messaging;
using Remediation.Notifier.Persistence;
using Remediation.Policy;

namespace Remediation.Notifier.Tests;

/// <summary>
/// The notifier module in a test host: MassTransit's test harness (in-memory bus) with the module's consumers, or the
/// real bus the configuration names; a SQLite file of its own unless the settings name a database; the given channels
/// and policy; and an HTTP client on the module's API (bearer tokens below).
/// </summary>
public sealed class NotifierTestHost : IAsyncDisposable
{
    public const string ReaderToken = "reader-token-0123456789";
    public const string IngestToken = "ingest-token-0123456789";

    private readonly string? _directory;
    private readonly WebApplication _app;
    private readonly ITestHarness? _harness;

    private NotifierTestHost(WebApplication app, string? directory, LogCapture logs)
    {
        _app = app;
        _directory = directory;
        Logs = logs;
        _harness = app.Services.GetService<ITestHarness>();
        Bus = app.Services.GetRequiredService<IBus>();
        Client = app.GetTestClient();
    }

    /// <summary>The test harness (not on a real bus).</summary>
    public ITestHarness Harness => _harness ?? throw new InvalidOperationException("This host runs on a real bus, not the test harness.");

    public IBus Bus { get; }

    public HttpClient Client { get; }

    public LogCapture Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The connection string of this host's database, to start a second instance on it.</summary>
    public string ConnectionString { get; private init; } = "";

    /// <param name="settings">Configuration on top of the defaults below.</param>
    /// <param name="policyYaml">The policy; none when null.</param>
    /// <param name="sharedWith">Another host whose database this one uses (a second notifier instance).</param>
    /// <param name="realBus">The bus of <c>Remediation:Messaging</c> in the settings (RabbitMQ) instead of the test harness.</param>
    public static async Task<NotifierTestHost> StartAsync(IDictionary<string, string?> settings, string? policyYaml = null, NotifierTestHost? sharedWith = null,
        bool realBus = false)
    {
        var directory = sharedWith is null ? Path.Combine(Path.GetTempPath(), "remediation-notifier-tests", Guid.NewGuid().ToString("N")) : null;
        if (directory is not null)
            Directory.CreateDirectory(directory);
        var connectionString = sharedWith?.ConnectionString ?? $"Data Source={Path.Combine(directory!, "notifier.db")}";
        var logs = new LogCapture();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        var configuration = new Dictionary<string, string?>
        {
            ["Remediation:Persistence:Provider"] = "Sqlite",
            ["Remediation:Persistence:ConnectionString"] = connectionString,
            ["Remediation:Auth:Tokens:0:Name"] = "reader",
            ["Remediation:Auth:Tokens:0:Token"] = ReaderToken,
            ["Remediation:Auth:Tokens:0:Roles:0"] = "read",
            ["Remediation:Auth:Tokens:1:Name"] = "ingest",
            ["Remediation:Auth:Tokens:1:Token"] = IngestToken,
            ["Remediation:Auth:Tokens:1:Roles:0"] = "ingest",
            ["Remediation:Notifier:Dispatch:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings)
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);

        builder.Services.AddSingleton<IPolicyProvider>(policyYaml is null ? new StaticPolicyProvider(PolicyDocument.Empty) : StaticPolicyProvider.FromYaml(policyYaml));
        builder.AddNotifier();
        if (realBus)
        {
            builder.Services.AddRemediationMessaging(builder.Configuration);
            builder.Services.Configure<MassTransitHostOptions>(o =>
            {
                o.WaitUntilStarted = true;
                o.StartTimeout = TimeSpan.FromSeconds(90);
            });
        }
        else
        {
            builder.Services.AddMassTransitTestHarness(bus => bus.AddBusModules(builder.Services));
        }

        var app = builder.Build();
        app.MapNotifier();
        await app.StartAsync();
        return new NotifierTestHost(app, directory, logs) { ConnectionString = configuration["Remediation:Persistence:ConnectionString"]! };
    }

    public async Task PublishAsync(params object[] messages)
    {
        foreach (var message in messages)
            await Bus.Publish(message);
    }

    public async Task<T> QueryAsync<T>(Func<NotifierDbContext, Task<T>> query)
    {
        var factory = _app.Services.GetRequiredService<IDbContextFactory<NotifierDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    public Task<List<Notification>> NotificationsAsync() =>
        QueryAsync(db => db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync());

    public Task<List<DeliveryAttempt>> AttemptsAsync(long notificationId) =>
        QueryAsync(db => db.Attempts.AsNoTracking().Where(a => a.NotificationId == notificationId).OrderBy(a => a.Number).ToListAsync());

    /// <summary>Waits until the notifications satisfy a condition.</summary>
    public Task WaitForAsync(Func<List<Notification>, bool> condition, string because, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(async () => condition(await NotificationsAsync()), timeout, because);

    /// <summary>Waits until at least <paramref name="count"/> notifications exist and none is pending.</summary>
    public Task WaitUntilSettledAsync(int count, TimeSpan? timeout = null) =>
        WaitForAsync(all => all.Count >= count && all.All(n => n.Status != NotificationStatus.Pending),
            $"{count} notifications delivered or finished", timeout);

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_directory is null)
            return;
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp directory is cleaned by the system later.
        }
    }
}
