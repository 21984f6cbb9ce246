using System.Globalization;
using Npgsql;
using Remediation.Benchmarks.Ingestion;

namespace Remediation.Benchmarks.Pipeline;

/// <summary>
/// The detector, decision and executor hosts (Release builds) as separate processes on RabbitMQ (a virtual host of this run,
/// publisher confirms) and PostgreSQL (a database each, created by the hosts), with the benchmark's policy.
/// </summary>
internal sealed class PipelineHosts : IAsyncDisposable
{
    public const string IngestToken = "benchmark-ingest-token-0123456789";

    private static readonly string[] Names = ["Detector", "Decision", "Executor"];

    private readonly PipelineServers _servers;
    private readonly string _work;
    private readonly List<ChildProcess> _processes = [];
    private readonly string _run = $"{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..6]}";

    private readonly bool _classicQueues;

    private PipelineHosts(PipelineServers servers, string work, string vhost, bool classicQueues)
    {
        _servers = servers;
        _work = work;
        VirtualHost = vhost;
        _classicQueues = classicQueues;
    }

    public string VirtualHost { get; }

    public Uri Detector { get; private set; } = null!;

    /// <summary>The executor's database, where it records when it claimed each request.</summary>
    public string ExecutorDatabase => _servers.Database(DatabaseOf("Executor"));

    public static async Task<PipelineHosts> StartAsync(PipelineServers servers, IEnumerable<string> services, bool classicQueues,
        CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), "remediation-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var policy = Path.Combine(work, "policy.yaml");
        await File.WriteAllTextAsync(policy, PipelinePolicy.Yaml(services), cancellationToken);
        var hosts = new PipelineHosts(servers, work, await servers.CreateVirtualHostAsync(cancellationToken), classicQueues);
        try
        {
            var urls = new List<Uri>();
            foreach (var name in Names)
            {
                var path = servers.HostPath(name);
                if (!File.Exists(path))
                    throw new InvalidOperationException($"{path} does not exist: dotnet build -c Release services/{name}/Remediation.{name}.Host");
                var port = ChildProcess.FreePort();
                hosts._processes.Add(ChildProcess.Start("dotnet", [path], Path.GetDirectoryName(path), hosts.Environment(name, port, policy)));
                urls.Add(new Uri($"http://127.0.0.1:{port}"));
            }

            for (var i = 0; i < Names.Length; i++)
                await hosts._processes[i].WaitReadyAsync(new Uri(urls[i], "/health/ready"), TimeSpan.FromMinutes(2), cancellationToken);
            hosts.Detector = urls[0];
            return hosts;
        }
        catch
        {
            await hosts.DisposeAsync();
            throw;
        }
    }

    /// <summary>How many rollback requests of the services named <paramref name="prefix"/>… the executor has claimed (polled while waiting: a count, so the wait adds little to the database's load).</summary>
    public Task<long> CountClaimsAsync(string prefix, CancellationToken cancellationToken) =>
        QueryClaimsAsync("count(*)", prefix, async query => (long)(await query.ExecuteScalarAsync(cancellationToken))!, cancellationToken);

    /// <summary>When the executor's consumer claimed the rollback request of each service named <paramref name="prefix"/>… (its consumer's first act).</summary>
    public Task<Dictionary<string, DateTimeOffset>> ClaimsAsync(string prefix, CancellationToken cancellationToken) =>
        QueryClaimsAsync("service, claimed_at", prefix, async query =>
        {
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            var claims = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
                claims[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            return claims;
        }, cancellationToken);

    /// <summary>Runs a query of <paramref name="columns"/> over the claimed rollback requests of the services named <paramref name="prefix"/>….</summary>
    private async Task<T> QueryClaimsAsync<T>(string columns, string prefix, Func<NpgsqlCommand, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ExecutorDatabase);
        await connection.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand($"SELECT {columns} FROM executor_requests WHERE kind = 'rollback' AND service LIKE @prefix", connection);
        query.Parameters.AddWithValue("prefix", prefix + "%");
        return await read(query);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
            await process.DisposeAsync();
        foreach (var name in Names)
            await _servers.DropDatabaseAsync(DatabaseOf(name));
        await _servers.DeleteVirtualHostAsync(VirtualHost);
        Directory.Delete(_work, recursive: true);
    }

    private string DatabaseOf(string name) => $"remediation_bench_{name.ToLowerInvariant()}_{_run}";

    private Dictionary<string, string> Environment(string name, int port, string policy) => new()
    {
        ["Urls"] = $"http://127.0.0.1:{port}",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Remediation__Messaging__Transport"] = "RabbitMq",
        ["Remediation__Messaging__RabbitMq__Host"] = _servers.RabbitHost,
        ["Remediation__Messaging__RabbitMq__Port"] = _servers.RabbitPort.ToString(CultureInfo.InvariantCulture),
        ["Remediation__Messaging__RabbitMq__VirtualHost"] = VirtualHost,
        ["Remediation__Messaging__RabbitMq__Username"] = _servers.RabbitUser,
        ["Remediation__Messaging__RabbitMq__Password"] = _servers.RabbitPassword,
        ["Remediation__Messaging__RabbitMq__UseQuorumQueues"] = (!_classicQueues).ToString(),
        ["Remediation__Persistence__Provider"] = "PostgreSql",
        ["Remediation__Persistence__ConnectionString"] = _servers.Database(DatabaseOf(name)),
        ["Remediation__Policy__Path"] = policy,
        ["Remediation__Auth__Tokens__0__Name"] = "benchmark",
        ["Remediation__Auth__Tokens__0__Token"] = IngestToken,
        ["Remediation__Auth__Tokens__0__Roles__0"] = "ingest",
    };
}
