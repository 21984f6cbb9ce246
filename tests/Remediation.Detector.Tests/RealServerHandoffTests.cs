using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Remediation.Testing;

namespace Remediation.Detector.Tests;

/// <summary>
/// The detector's hand-off on its production footing: events published to a real RabbitMQ with publisher confirms, state
/// and outbox in a real PostgreSQL. 2xx only once the broker holds what is new; a broker outage is a 503 and loses nothing;
/// a new host on the same database carries on.
/// </summary>
public sealed class RealServerHandoffTests
{
    private const string Path = "/api/v1/alerts/alertmanager";

    private static string Only(int alert)
    {
        var node = JsonNode.Parse(DetectorHost.Payload("alertmanager-firing.json"))!;
        node["alerts"] = new JsonArray(node["alerts"]![alert]!.DeepClone());
        return node.ToJsonString();
    }

    private static async Task<JsonElement> AnswerAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<long> CountRowsAsync(PostgresDatabase database, string table)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Table names are the test's constants.
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
#pragma warning restore CA2100
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_2xx_is_answered_only_once_the_broker_holds_the_anomaly()
    {
        await using var virtualHost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var database = await (await PostgresServer.GetSharedAsync()).CreateDatabaseAsync("detector");
        var events = await BrokerTap.CreateAsync(virtualHost);
        await using var detector = await BrokeredDetectorHost.StartAsync(virtualHost, database);

        using var response = await detector.PostAsync(Path, DetectorHost.Payload("alertmanager-firing.json"));

        // Read at once, without waiting: the answer came after the publisher confirm, so the message is already queued.
        Assert.Equal(1u, await events.CountAsync());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, (await AnswerAsync(response)).GetProperty("published").GetInt32());
        var (type, anomaly) = Assert.Single(await events.DrainAsync());
        Assert.Equal("AnomalyDetected", type);
        Assert.Equal(["error_rate", "latency_p99_ms"], anomaly.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(1, await CountRowsAsync(database, "detector_service_states"));
        await Eventually.UntilAsync(() => CountRowsAsync(database, "detector_outbox"), n => n == 0, Eventually.DefaultTimeout, "the confirmed entry to leave the outbox");
    }

    [Fact]
    public async Task A_broker_outage_answers_503_with_Retry_After_and_after_the_restart_the_outbox_is_published_with_nothing_lost()
    {
        await using var broker = await RabbitMqServer.StartDedicatedAsync();
        await using var virtualHost = await broker.CreateVirtualHostAsync();
        await using var database = await (await PostgresServer.GetSharedAsync()).CreateDatabaseAsync("detector");
        var events = await BrokerTap.CreateAsync(virtualHost);
        await using var detector = await BrokeredDetectorHost.StartAsync(virtualHost, database);

        await broker.StopAsync();
        using (var refused = await detector.PostAsync(Path, DetectorHost.Payload("alertmanager-firing.json")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            Assert.Equal("broker-unavailable", (await AnswerAsync(refused)).GetProperty("code").GetString());
        }

        Assert.Equal(1, await CountRowsAsync(database, "detector_outbox"));

        // Alertmanager retries while the broker is still down: what it sends is stored already, so it is a duplicate.
        using (var retried = await detector.PostAsync(Path, DetectorHost.Payload("alertmanager-firing.json")))
        {
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
            var answer = await AnswerAsync(retried);
            Assert.Equal((2, 0), (answer.GetProperty("duplicates").GetInt32(), answer.GetProperty("published").GetInt32()));
        }

        await broker.StartAsync();
        await Eventually.UntilAsync(() => CountRowsAsync(database, "detector_outbox"), n => n == 0, TimeSpan.FromSeconds(60),
            "the outbox to be published once the broker is back");
        using (var resolved = await detector.PostAsync(Path, DetectorHost.Payload("alertmanager-resolved.json")))
            Assert.Equal(HttpStatusCode.Accepted, resolved.StatusCode);

        var received = await events.DrainAsync();
        var detected = received.Where(m => m.Type == "AnomalyDetected").Select(m => m.Message.GetProperty("anomalyId").GetGuid()).ToList();
        var cleared = Assert.Single(received, m => m.Type == "AnomalyCleared").Message.GetProperty("anomalyId").GetGuid();
        Assert.NotEmpty(detected);
        Assert.All(detected, id => Assert.Equal(cleared, id));
    }

    [Fact]
    public async Task The_state_and_its_outbox_entry_are_stored_together_or_not_at_all()
    {
        // The hand-off's write is one command without BEGIN/COMMIT on PostgreSQL: its statements share one implicit
        // transaction. Make the outbox insert (the second statement) fail: the state upsert before it must not remain.
        await using var virtualHost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var database = await (await PostgresServer.GetSharedAsync()).CreateDatabaseAsync("detector");
        var events = await BrokerTap.CreateAsync(virtualHost);
        await using var detector = await BrokeredDetectorHost.StartAsync(virtualHost, database);
        await ExecuteAsync(database, "ALTER TABLE detector_outbox ADD CONSTRAINT refuse_all CHECK (false) NOT VALID");

        using (var refused = await detector.PostAsync(Path, DetectorHost.Payload("alertmanager-firing.json")))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(0, await CountRowsAsync(database, "detector_service_states"));
        Assert.Equal(0, await CountRowsAsync(database, "detector_outbox"));

        // Nothing of the refused request was kept, so the retry is new, not a duplicate, and is published once.
        await ExecuteAsync(database, "ALTER TABLE detector_outbox DROP CONSTRAINT refuse_all");
        using (var retried = await detector.PostAsync(Path, DetectorHost.Payload("alertmanager-firing.json")))
        {
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
            Assert.Equal(1, (await AnswerAsync(retried)).GetProperty("published").GetInt32());
        }

        Assert.Equal(1, await CountRowsAsync(database, "detector_service_states"));
        Assert.Equal(["AnomalyDetected"], (await events.DrainAsync()).Select(m => m.Type));
    }

    private static async Task ExecuteAsync(PostgresDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The test's constants.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_new_detector_host_on_the_same_PostgreSQL_database_carries_on_where_the_last_one_stopped()
    {
        await using var virtualHost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        await using var database = await (await PostgresServer.GetSharedAsync()).CreateDatabaseAsync("detector");
        var events = await BrokerTap.CreateAsync(virtualHost);

        await using (var first = await BrokeredDetectorHost.StartAsync(virtualHost, database))
        {
            using var response = await first.PostAsync(Path, Only(0));
            Assert.Equal(0, (await AnswerAsync(response)).GetProperty("published").GetInt32());
        }

        await using (var second = await BrokeredDetectorHost.StartAsync(virtualHost, database))
        {
            using var response = await second.PostAsync(Path, Only(1));
            Assert.Equal(1, (await AnswerAsync(response)).GetProperty("published").GetInt32());
        }

        await using var third = await BrokeredDetectorHost.StartAsync(virtualHost, database);
        using (var resent = await third.PostAsync(Path, DetectorHost.Payload("alertmanager-firing.json")))
        {
            var answer = await AnswerAsync(resent);
            Assert.Equal((2, 0), (answer.GetProperty("duplicates").GetInt32(), answer.GetProperty("published").GetInt32()));
        }

        using (var resolved = await third.PostAsync(Path, DetectorHost.Payload("alertmanager-resolved.json")))
            Assert.Equal(1, (await AnswerAsync(resolved)).GetProperty("published").GetInt32());

        var received = await events.DrainAsync();
        Assert.Equal(["AnomalyDetected", "AnomalyCleared"], received.Select(m => m.Type));
        Assert.Equal(["error_rate", "latency_p99_ms"], received[0].Message.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(received[0].Message.GetProperty("anomalyId").GetGuid(), received[1].Message.GetProperty("anomalyId").GetGuid());
    }
}
