using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Remediation.Contracts.Anomalies;
using Remediation.Detector.Ingestion;
using Remediation.Testing;

namespace Remediation.Detector.Tests;

public sealed class DurabilityTests
{
    private const string Path = "/api/v1/alerts/alertmanager";

    private static string Only(int alert)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(DetectorHost.Payload("alertmanager-firing.json"))!;
        var keep = node["alerts"]![alert]!.DeepClone();
        node["alerts"] = new System.Text.Json.Nodes.JsonArray(keep);
        return node.ToJsonString();
    }

    [Fact]
    public async Task A_new_host_on_the_same_database_remembers_active_signals_and_open_anomalies()
    {
        using var directory = new TempDirectory();
        var database = System.IO.Path.Combine(directory.Path, "detector.db");
        await using (var first = await DetectorHost.StartAsync(databasePath: database))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await first.PostJsonAsync(Path, Only(0))).StatusCode);
            Assert.Empty(first.Published<AnomalyDetected>());
        }

        Guid anomaly;
        await using (var second = await DetectorHost.StartAsync(databasePath: database))
        {
            await second.PostJsonAsync(Path, Only(1));
            var detected = Assert.Single(second.Published<AnomalyDetected>());
            Assert.Equal(["error_rate", "latency_p99_ms"], detected.Signals.Select(s => s.Name));
            anomaly = detected.AnomalyId;
        }

        await using var third = await DetectorHost.StartAsync(databasePath: database);
        var resent = await third.PostJsonAsync(Path, DetectorHost.Payload("alertmanager-firing.json"));
        Assert.Equal(2, JsonDocument.Parse(await resent.Content.ReadAsStringAsync()).RootElement.GetProperty("duplicates").GetInt32());
        Assert.Empty(third.Published<AnomalyDetected>());

        await third.PostJsonAsync(Path, DetectorHost.Payload("alertmanager-resolved.json"));
        Assert.Equal(anomaly, Assert.Single(third.Published<AnomalyCleared>()).AnomalyId);
    }

    [Fact]
    public async Task Beyond_the_hand_off_bound_new_signals_get_429_with_Retry_After_and_duplicates_still_pass()
    {
        await using var host = await DetectorHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Remediation:Detector:MaxConcurrentHandoffs"] = "1",
            ["Remediation:Detector:MaxQueuedHandoffs"] = "0",
        });
        await host.PostJsonAsync(Path, Only(0));
        var gate = host.App.Services.GetRequiredService<HandoffGate>();

        using (var held = await gate.AcquireAsync(CancellationToken.None))
        {
            Assert.True(held.IsAcquired);
            var refused = await host.PostJsonAsync(Path, Only(1));
            var duplicate = await host.PostJsonAsync(Path, Only(0));

            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            Assert.Equal("overloaded", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.Accepted, duplicate.StatusCode);
            Assert.Empty(host.Published<AnomalyDetected>());
        }

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostJsonAsync(Path, Only(1))).StatusCode);
        Assert.Single(host.Published<AnomalyDetected>());
    }

    [Fact]
    public async Task A_database_failure_answers_503_with_Retry_After_and_publishes_nothing()
    {
        await using var host = await DetectorHost.StartAsync();
        using (var connection = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE detector_service_states";
            command.ExecuteNonQuery();
        }

        var response = await host.PostJsonAsync(Path, DetectorHost.Payload("alertmanager-firing.json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("storage-unavailable", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Empty(host.Published<AnomalyDetected>());
    }

    [Fact]
    public async Task Messages_left_in_the_outbox_by_a_crash_are_published_at_the_next_start()
    {
        using var directory = new TempDirectory();
        var database = System.IO.Path.Combine(directory.Path, "detector.db");
        await using (await DetectorHost.StartAsync(databasePath: database))
        {
            // Creates the tables; what follows plays a crash between the commit and the broker's confirm.
        }

        var anomaly = Guid.CreateVersion7();
        var payload = JsonSerializer.Serialize(new AnomalyDetected
        {
            AnomalyId = anomaly, Environment = "production", Service = "checkout", Signals = [], DetectedAt = DateTimeOffset.UtcNow,
            OccurredAt = DateTimeOffset.UtcNow,
        });
        using (var connection = new SqliteConnection($"Data Source={database}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO detector_outbox (message_type, payload, created_at, attempts) VALUES ('AnomalyDetected', $p, $t, 0)";
            command.Parameters.AddWithValue("$p", payload);
            command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.AddSeconds(-1).UtcTicks);
            command.ExecuteNonQuery();
        }

        await using var restarted = await DetectorHost.StartAsync(databasePath: database);

        await Eventually.UntilAsync(() => restarted.Published<AnomalyDetected>().Any(a => a.AnomalyId == anomaly), Eventually.DefaultTimeout, "the outbox is published at start");
        await Eventually.UntilAsync(() => Count(database, "detector_outbox") == 0, Eventually.DefaultTimeout, "the confirmed entry leaves the outbox");
    }

    private static long Count(string databasePath, string table)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Table names are the test's constants.
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
#pragma warning restore CA2100
        return (long)command.ExecuteScalar()!;
    }
}
