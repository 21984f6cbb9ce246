using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace Remediation.Benchmarks.Pipeline;

/// <summary>Where the benchmark finds RabbitMQ (with its management API) and PostgreSQL, and the host programs to run.</summary>
internal sealed record PipelineServers(string Postgres, string RabbitHost, ushort RabbitPort, ushort RabbitManagementPort, string RabbitUser,
    string RabbitPassword, string Repository)
{
    /// <summary>
    /// The host's assembly: the Release build in the repository, or <c>$REMEDIATION_BENCH_HOSTS/{service}/</c> when set
    /// (hosts published elsewhere, e.g. ReadyToRun as the images are).
    /// </summary>
    public string HostPath(string service) =>
        Environment.GetEnvironmentVariable("REMEDIATION_BENCH_HOSTS") is { Length: > 0 } published
            ? Path.Combine(published, service, $"Remediation.{service}.Host.dll")
            : Path.Combine(Repository, "services", service, $"Remediation.{service}.Host", "bin", "Release", "net10.0", $"Remediation.{service}.Host.dll");

    public static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Remediation.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmark from the repository's build output.");
    }

    /// <summary>A virtual host of this run (a long-lived broker keeps nothing of earlier runs in it); deleted by <see cref="DeleteVirtualHostAsync"/>.</summary>
    public async Task<string> CreateVirtualHostAsync(CancellationToken cancellationToken)
    {
        var vhost = $"bench-{Guid.NewGuid():N}";
        using var http = Management();
        using (var created = await http.PutAsync($"vhosts/{vhost}", JsonContent.Create(new { description = "Remediation benchmark" }), cancellationToken))
            created.EnsureSuccessStatusCode();
        using (var granted = await http.PutAsync($"permissions/{vhost}/{Uri.EscapeDataString(RabbitUser)}", JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" }),
                   cancellationToken))
            granted.EnsureSuccessStatusCode();
        return vhost;
    }

    public async Task DeleteVirtualHostAsync(string vhost)
    {
        using var http = Management();
        using var deleted = await http.DeleteAsync($"vhosts/{vhost}");
    }

    public string Database(string name) => $"{Postgres.TrimEnd(';')};Database={name}";

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Database("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private HttpClient Management()
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://{RabbitHost}:{RabbitManagementPort}/api/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RabbitUser}:{RabbitPassword}")));
        return http;
    }

    public static PipelineServers FromEnvironment() => new(
        Env("REMEDIATION_BENCH_POSTGRES", null) ?? throw new InvalidOperationException("REMEDIATION_BENCH_POSTGRES (a superuser connection string without Database) is required."),
        Env("REMEDIATION_BENCH_RABBITMQ_HOST", "127.0.0.1")!,
        ushort.Parse(Env("REMEDIATION_BENCH_RABBITMQ_PORT", "5672")!, CultureInfo.InvariantCulture),
        ushort.Parse(Env("REMEDIATION_BENCH_RABBITMQ_MANAGEMENT_PORT", "15672")!, CultureInfo.InvariantCulture),
        Env("REMEDIATION_BENCH_RABBITMQ_USER", "guest")!,
        Env("REMEDIATION_BENCH_RABBITMQ_PASSWORD", "guest")!,
        FindRepository());

    private static string? Env(string name, string? fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
