using Remediation.Notifier.Persistence;
using Remediation.Testing;

namespace Remediation.Notifier.Tests.Integration;

/// <summary>The notifier on its production footing: a real RabbitMQ (durable queue, publisher confirms) and PostgreSQL.</summary>
public sealed class RabbitMqPostgresTests
{
    private static async Task<(RabbitMqVirtualHost VirtualHost, PostgresDatabase Database, Dictionary<string, string?> Settings)> ServersAsync(ChannelBench bench)
    {
        var rabbit = await RabbitMqServer.GetSharedAsync();
        var postgres = await PostgresServer.GetSharedAsync();
        var virtualHost = await rabbit.CreateVirtualHostAsync();
        var database = await postgres.CreateDatabaseAsync("notifier");
        var settings = bench.Configuration();
        foreach (var (key, value) in virtualHost.Configuration.Concat(database.Configuration))
            settings[key] = value;
        return (virtualHost, database, settings);
    }

    [Fact]
    public async Task A_full_incident_published_twice_through_RabbitMQ_gives_exactly_one_message_per_channel_per_event()
    {
        await using var bench = await ChannelBench.StartAsync();
        var (virtualHost, database, settings) = await ServersAsync(bench);
        await using (virtualHost)
        await using (database)
        {
            await using var host = await NotifierTestHost.StartAsync(settings, realBus: true);
            var story = new IncidentStory();

            // Every event twice, as a redelivering broker or a retrying publisher would send it.
            await host.PublishAsync([.. story.All()]);
            await host.PublishAsync([.. story.All()]);
            await host.WaitUntilSettledAsync(DeduplicationTests.MessagesPerChannel.Values.Sum(), TimeSpan.FromSeconds(60));

            foreach (var (channel, expected) in DeduplicationTests.MessagesPerChannel)
            {
                Assert.Empty(bench[channel].Rejections);
                Assert.True(expected == bench[channel].Requests.Count, $"{channel}: expected {expected} messages, got {bench[channel].Requests.Count}");
            }

            Assert.All(await host.NotificationsAsync(), n => Assert.Equal(NotificationStatus.Delivered, n.Status));
            var queue = await virtualHost.GetQueueAsync(NotifierModule.QueueName);
            Assert.NotNull(queue);
            Assert.True(queue.Durable);
        }
    }

    [Fact]
    public async Task A_failing_channel_on_PostgreSQL_is_retried_and_recorded_while_the_others_deliver()
    {
        await using var bench = await ChannelBench.StartAsync();
        var (virtualHost, database, settings) = await ServersAsync(bench);
        await using (virtualHost)
        await using (database)
        {
            await using var host = await NotifierTestHost.StartAsync(settings, realBus: true);
            bench.Statuspage.AnswerNext(_ => Receivers.Answers.TooManyRequests(1), _ => Receivers.Answers.Status(503, "maintenance"));
            var story = new IncidentStory();

            await host.PublishAsync(story.Opened());
            await host.WaitUntilSettledAsync(7, TimeSpan.FromSeconds(60));

            var statuspage = (await host.NotificationsAsync()).Single(n => n.Channel == "statuspage");
            Assert.Equal(NotificationStatus.Delivered, statuspage.Status);
            Assert.Equal(["retryable", "retryable", "delivered"], (await host.AttemptsAsync(statuspage.Id)).Select(a => a.Outcome));
            Assert.All(bench.All, r => Assert.Empty(r.Rejections));
        }
    }
}
