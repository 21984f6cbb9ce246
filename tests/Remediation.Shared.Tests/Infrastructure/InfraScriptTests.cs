using Npgsql;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Infrastructure;

/// <summary>
/// The scripts under infra/ that infra/test.sh and the local stack use. In CI the tests run against service containers,
/// so test.sh never starts servers there: these tests are what keeps its start and stop scripts working.
/// </summary>
public sealed class InfraScriptTests
{
    private static readonly string[] Scripts =
    [
        "infra/test.sh", ".ci/run", "infra/scripts/install-packages.sh", "infra/scripts/rabbitmq-start.sh", "infra/scripts/rabbitmq-stop.sh",
        "infra/scripts/postgres-start.sh", "infra/scripts/postgres-stop.sh", "infra/scripts/check-compose.sh", "infra/docker/healthcheck.sh",
    ];

    [Fact]
    public async Task Scripts_are_executable_and_parse()
    {
        foreach (var script in Scripts.Append("infra/scripts/lib.sh"))
        {
            var check = await ExternalProcess.RunAsync("bash", ["-n", RepositoryFiles.PathOf(script)]);
            Assert.True(check.Succeeded, $"{script}: {check.Output}");
        }

        if (OperatingSystem.IsLinux())
        {
            foreach (var script in Scripts)
                Assert.True(File.GetUnixFileMode(RepositoryFiles.PathOf(script)).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
        }
    }

    [Fact]
    public void Ci_entry_point_runs_exactly_the_test_command_from_the_repository_root()
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf(".ci/run")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.Equal(["set -euo pipefail", "cd \"$(dirname \"${BASH_SOURCE[0]}\")/..\"", "exec ./infra/test.sh"], lines);
    }

    [Fact]
    public async Task Postgres_scripts_start_a_reachable_server_that_keeps_its_data_across_a_restart_and_stop_it()
    {
        var directory = Directory.CreateTempSubdirectory("pg-script-").FullName;
        try
        {
            await RunScriptAsync("infra/scripts/postgres-start.sh", "--throwaway", directory);
            var connectionString = ReadEnv(directory, "REMEDIATION_TEST_POSTGRES");
            await ExecuteAsync(connectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");

            await RunScriptAsync("infra/scripts/postgres-stop.sh", directory);
            NpgsqlConnection.ClearAllPools();
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => ExecuteAsync(connectionString, "SELECT 1"));
            await RunScriptAsync("infra/scripts/postgres-start.sh", directory);

            Assert.Equal(connectionString, ReadEnv(directory, "REMEDIATION_TEST_POSTGRES"));
            await ExecuteAsync(connectionString, "SELECT id FROM kept WHERE id = 7");
        }
        finally
        {
            await RunScriptAsync("infra/scripts/postgres-stop.sh", directory);
            ScratchDelete(directory);
        }
    }

    [Fact]
    public async Task RabbitMq_scripts_start_a_broker_with_management_and_stop_it_with_its_port_mapper()
    {
        var directory = Directory.CreateTempSubdirectory("rabbitmq-script-").FullName;
        try
        {
            await RunScriptAsync("infra/scripts/rabbitmq-start.sh", directory);
            var port = int.Parse(ReadEnv(directory, "REMEDIATION_TEST_RABBITMQ_MANAGEMENT_PORT"), System.Globalization.CultureInfo.InvariantCulture);
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
            var overview = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/overview"));
            Assert.Contains("rabbitmq_version", overview, StringComparison.Ordinal);

            await RunScriptAsync("infra/scripts/rabbitmq-stop.sh", directory);

            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/overview")));
            Assert.False(File.Exists(Path.Combine(directory, "leader.pid")), "the stop script left the node's pid file, so it may still run");
            var epmdPort = File.ReadAllLines(Path.Combine(directory, "node")).Single(l => l.StartsWith("epmd_port=", StringComparison.Ordinal))["epmd_port=".Length..];
            var epmd = await ExternalProcess.RunAsync("bash", ["-c", $"exec 3<>/dev/tcp/127.0.0.1/{epmdPort}"]);
            Assert.False(epmd.Succeeded, "the node's port mapper still runs");
        }
        finally
        {
            await RunScriptAsync("infra/scripts/rabbitmq-stop.sh", directory);
            ScratchDelete(directory);
        }
    }

    private static async Task RunScriptAsync(string script, params string[] arguments)
    {
        var result = await ExternalProcess.RunAsync(RepositoryFiles.PathOf(script), arguments, timeout: TimeSpan.FromMinutes(3));
        result.EnsureSuccess(script);
    }

    private static string ReadEnv(string directory, string name) =>
        File.ReadAllLines(Path.Combine(directory, "env"))
            .Select(l => l.Replace("export ", "", StringComparison.Ordinal).Split('=', 2))
            .Single(p => p[0] == name)[1].Trim('"');

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void ScratchDelete(string directory)
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A server still finishing its exit; the temp directory is the OS's to clean.
        }
    }
}
