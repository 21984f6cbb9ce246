using RabbitMQ.Client;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Fixtures;

public sealed class RabbitMqServerTests
{
    [Fact]
    public async Task Virtual_host_lists_its_queues_with_type_and_exact_count_and_is_gone_after_dispose()
    {
        var server = await RabbitMqServer.GetSharedAsync();
        var vhost = await server.CreateVirtualHostAsync();
        await using (vhost)
        {
            await DeclareAndPublishAsync(vhost, "fixture-classic", quorum: false, messages: 3);
            await DeclareAndPublishAsync(vhost, "fixture-quorum", quorum: true, messages: 1);

            Assert.Equal(3u, await vhost.CountMessagesAsync("fixture-classic"));
            Assert.Equal(1u, await vhost.CountMessagesAsync("fixture-quorum"));
            Assert.Null(await vhost.CountMessagesAsync("no-such-queue"));

            var queues = await Eventually.UntilAsync(() => vhost.GetQueuesAsync(), q => q.Count == 2, Eventually.DefaultTimeout, "both queues listed");
            Assert.Equal("classic", queues.Single(q => q.Name == "fixture-classic").Type);
            Assert.True(queues.Single(q => q.Name == "fixture-quorum").IsQuorum);
            Assert.All(queues, q => Assert.True(q.Durable));
        }

        var gone = await Assert.ThrowsAsync<InvalidOperationException>(() => vhost.GetQueuesAsync());
        Assert.Contains("404", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Virtual_host_configuration_points_messaging_at_it()
    {
        var server = await RabbitMqServer.GetSharedAsync();
        await using var vhost = await server.CreateVirtualHostAsync();

        Assert.Equal("RabbitMq", vhost.Configuration["Remediation:Messaging:Transport"]);
        Assert.Equal(server.Host, vhost.Configuration["Remediation:Messaging:RabbitMq:Host"]);
        Assert.Equal(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), vhost.Configuration["Remediation:Messaging:RabbitMq:Port"]);
        Assert.Equal(vhost.Name, vhost.Configuration["Remediation:Messaging:RabbitMq:VirtualHost"]);
        Assert.Equal(server.Username, vhost.Configuration["Remediation:Messaging:RabbitMq:Username"]);
        Assert.Equal(server.Password, vhost.Configuration["Remediation:Messaging:RabbitMq:Password"]);
    }

    [Fact]
    public async Task Dedicated_broker_keeps_durable_queues_and_persistent_messages_across_a_restart()
    {
        await using var server = await RabbitMqServer.StartDedicatedAsync();
        Assert.False(server.IsExternal);
        await using var vhost = await server.CreateVirtualHostAsync();
        await DeclareAndPublishAsync(vhost, "survivor", quorum: false, messages: 2);

        await server.StopAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => vhost.CountMessagesAsync("survivor"));
        await server.StartAsync();

        Assert.Equal(2u, await vhost.CountMessagesAsync("survivor"));
    }

    private static async Task DeclareAndPublishAsync(RabbitMqVirtualHost vhost, string queue, bool quorum, int messages)
    {
        var factory = new ConnectionFactory
        {
            HostName = vhost.Server.Host, Port = vhost.Server.Port, VirtualHost = vhost.Name,
            UserName = vhost.Server.Username, Password = vhost.Server.Password,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var arguments = quorum ? new Dictionary<string, object?> { ["x-queue-type"] = "quorum" } : null;
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: arguments);
        for (var i = 0; i < messages; i++)
        {
            await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, "fixture"u8.ToArray());
        }
    }
}
