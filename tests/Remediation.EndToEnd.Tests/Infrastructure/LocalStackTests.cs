using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Remediation.EndToEnd.Tests.Stack;
using Remediation.Testing;

namespace Remediation.EndToEnd.Tests.Infrastructure;

/// <summary>
/// infra/local/up.sh brings the whole loop up without Docker (from the programs this test run built), deploy.sh deploys
/// a version as a CD system would, and down.sh stops every process it started.
/// </summary>
public sealed class LocalStackTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("remediation-local-").FullName;

    [Fact]
    public async Task Up_starts_the_loop_on_loopback_deploy_switches_HAProxy_and_records_the_deployment_and_down_stops_everything()
    {
        var ports = FreePort.NextRange(30);
        var environment = new Dictionary<string, string?>
        {
            ["REMEDIATION_LOCAL_DIR"] = _directory,
            ["REMEDIATION_LOCAL_PORT_BASE"] = ports.ToString(CultureInfo.InvariantCulture),
            ["REMEDIATION_LOCAL_CONFIGURATION"] = Repository.Configuration,
            ["REMEDIATION_LOCAL_NO_BUILD"] = "1",
            ["REMEDIATION_LOCAL_INTERVAL"] = "1s",
        };
        try
        {
            var up = await ExternalProcess.RunAsync(Repository.PathOf("infra/local/up.sh"), [], environment, TimeSpan.FromMinutes(5));
            Assert.True(up.Succeeded, up.Output);
            Assert.Contains($"shop (through HAProxy)   http://127.0.0.1:{ports}/", up.Output, StringComparison.Ordinal);
            var secrets = File.ReadAllLines(Path.Combine(_directory, "secrets.env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

            // Users reach v0 through HAProxy; Prometheus found HAProxy and the three versions through its target files.
            Assert.Contains("\"version\":\"v0\"", await http.GetStringAsync(new Uri($"http://127.0.0.1:{ports}/")), StringComparison.Ordinal);
            await Eventually.UntilAsync(async () => UpTargets(await http.GetStringAsync(new Uri($"http://127.0.0.1:{ports + 10}/api/v1/targets")))
                , n => n == 4, TimeSpan.FromMinutes(1), "Prometheus to scrape HAProxy and the three versions");

            var deploy = await ExternalProcess.RunAsync(Repository.PathOf("infra/local/deploy.sh"), ["v1"], environment, TimeSpan.FromMinutes(1));
            Assert.True(deploy.Succeeded, deploy.Output);

            var servers = ServerState.Parse(await RuntimeAsync(ports + 7, "show servers state shop"));
            Assert.Equal(["s1"], servers.Where(s => s.Serving).Select(s => s.Name));
            Assert.All(servers.Where(s => s.Name != "s1"), s => Assert.True(s.InMaintenance, s.ToString()));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secrets["READ_TOKEN"]);
            var service = await Eventually.UntilAsync(
                async () =>
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{ports + 2}/api/decision/services/production/shop"));
                    return response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : (JsonElement?)null;
                },
                s => s?.Text("currentVersion") == "v1", TimeSpan.FromMinutes(1), "the decision service to record the deployment of v1");
            Assert.Equal("Healthy", service?.Text("state"));

            var pids = Directory.GetFiles(Path.Combine(_directory, "pids")).Select(f => int.Parse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(12, pids.Count); // three versions, HAProxy, the load generator, five services, Alertmanager, Prometheus
            var down = await ExternalProcess.RunAsync(Repository.PathOf("infra/local/down.sh"), [], environment, TimeSpan.FromMinutes(3));
            Assert.True(down.Succeeded, down.Output);
            Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} still runs after down.sh"));
        }
        catch
        {
            foreach (var log in Directory.Exists(Path.Combine(_directory, "logs")) ? Directory.GetFiles(Path.Combine(_directory, "logs"), "*.log") : [])
                Console.Error.WriteLine($"--- {log}:{System.Environment.NewLine}{ShopEnvironment.Tail(await File.ReadAllTextAsync(log), 20)}");
            throw;
        }
        finally
        {
            await ExternalProcess.RunAsync(Repository.PathOf("infra/local/down.sh"), ["--purge"], environment, TimeSpan.FromMinutes(3));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // PostgreSQL's files belong to the postgres user when the tests run as root; down.sh --purge removed them.
        }
    }

    private static int UpTargets(string json) =>
        JsonDocument.Parse(json).RootElement.Get("data").Items("activeTargets").Count(t => t.Text("health") == "up");

    private static async Task<string> RuntimeAsync(int port, string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(command + "\n"));
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
