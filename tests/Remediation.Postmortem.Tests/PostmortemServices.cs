using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Remediation.Policy;
using Remediation.Postmortem.Api;
using Remediation.Postmortem.Storage;

namespace Remediation.Postmortem.Tests;

/// <summary>
/// The postmortem module in a plain host (no bus, no HTTP) on a database of its own: a SQLite file per instance unless
/// a connection is given. Two instances on the same database behave like two service instances.
/// </summary>
public sealed class PostmortemServices : IAsyncDisposable
{
    public const string Policy = """
        services:
          - name: checkout
            environment: production
            target: { driver: kubernetes, namespace: shop, deployment: checkout }
            detection:
              quorum: 2
              thresholds: { error_rate: 0.05, latency_p99_ms: 3000 }
              checks:
                - { signal: error_rate, query: 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="checkout"}[1m]))' }
            rollback: { window: 30m, cooldown: 5m, verify_for: 5m, max_depth: 2, approval: auto }
        """;

    private readonly IHost _host;
    private readonly string? _ownedFile;
    private readonly IAsyncDisposable? _ownedDatabase;

    private PostmortemServices(IHost host, string? ownedFile, IAsyncDisposable? ownedDatabase, Dictionary<string, string?> settings)
    {
        _host = host;
        _ownedFile = ownedFile;
        _ownedDatabase = ownedDatabase;
        Settings = settings;
    }

    public IServiceProvider Services => _host.Services;

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IncidentRecorder Recorder => Services.GetRequiredService<IncidentRecorder>();

    public IncidentQueries Queries => Services.GetRequiredService<IncidentQueries>();

    /// <param name="settings">Configuration pairs; without a connection string, a SQLite file of its own.</param>
    /// <param name="database">A database to drop when this instance is disposed (a replica shares it and does not own it).</param>
    public static async Task<PostmortemServices> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, IAsyncDisposable? database = null)
    {
        string? owned = null;
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (!all.ContainsKey("Remediation:Persistence:ConnectionString"))
        {
            owned = Path.Combine(Path.GetTempPath(), $"postmortem-tests-{Guid.NewGuid():N}.db");
            all["Remediation:Persistence:Provider"] = "Sqlite";
            all["Remediation:Persistence:ConnectionString"] = $"Data Source={owned}";
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(all);
        builder.Services.AddSingleton<IPolicyProvider>(StaticPolicyProvider.FromYaml(Policy));
        builder.AddPostmortem();
        var host = builder.Build();
        await host.StartAsync();
        return new PostmortemServices(host, owned, database, all);
    }

    /// <summary>A second instance on the same database, as a second replica of the service would be.</summary>
    public Task<PostmortemServices> StartReplicaAsync() => StartAsync(Settings);

    public async Task RecordAllAsync(IEnumerable<object> messages)
    {
        foreach (var message in messages)
            await Recorder.RecordAsync(message, CancellationToken.None);
    }

    public async Task<T> DbAsync<T>(Func<PostmortemDbContext, Task<T>> query)
    {
        var factory = Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PostmortemDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (_ownedDatabase is not null)
            await _ownedDatabase.DisposeAsync();
        if (_ownedFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _ownedFile, _ownedFile + "-wal", _ownedFile + "-shm" }.Where(File.Exists))
                File.Delete(file);
        }
    }
}
