using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Remediation.Messaging;
using Remediation.Shared.Tests.Sagas;
using Remediation.Testing;

namespace Remediation.Shared.Tests.Messaging;

/// <summary>The bus <c>AddRemediationMessaging</c> builds on real RabbitMQ: queue types, durability, retry then error queue.</summary>
public sealed class RabbitMqMessagingTests
{
    private static readonly TimeSpan Timeout = Eventually.DefaultTimeout;

    [Theory]
    [InlineData(true, "quorum")]
    [InlineData(false, "classic")]
    public async Task Receive_queues_are_durable_and_quorum_only_when_configured(bool useQuorumQueues, string expectedType)
    {
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        var probe = new ConsumerProbe();
        using var host = await StartAsync(vhost, probe, bus => bus.AddConsumer<PingConsumer>().Endpoint(e => e.Name = "ping"),
            [KeyValuePair.Create("Remediation:Messaging:RabbitMq:UseQuorumQueues", (string?)useQuorumQueues.ToString())]);

        var queue = await Eventually.UntilAsync(() => vhost.GetQueueAsync("ping"), q => q is not null, Timeout, "the ping queue declared");
        Assert.Equal(expectedType, queue!.Type);
        Assert.True(queue.Durable);

        var id = Guid.NewGuid();
        await host.Services.GetRequiredService<IBus>().Publish(new Ping(id));
        await Eventually.UntilAsync(() => probe.AttemptsFor(id) == 1, Timeout, "the ping consumed");
        await host.StopAndDisposeAsync();
    }

    [Fact]
    public async Task Message_whose_consumer_always_throws_is_retried_then_moved_to_the_error_queue()
    {
        await using var vhost = await (await RabbitMqServer.GetSharedAsync()).CreateVirtualHostAsync();
        var probe = new ConsumerProbe();
        using var host = await StartAsync(vhost, probe, bus => bus.AddConsumer<FailingPingConsumer>().Endpoint(e => e.Name = "failing-ping"),
            CounterService.RetryIntervals(10, 20, 30));

        var id = Guid.NewGuid();
        await host.Services.GetRequiredService<IBus>().Publish(new Ping(id));

        await Eventually.UntilAsync(async () => await vhost.CountMessagesAsync("failing-ping_error") == 1, Timeout, "the ping in failing-ping_error");
        Assert.Equal(4, probe.AttemptsFor(id));
        Assert.Equal(0u, await vhost.CountMessagesAsync("failing-ping"));
        await host.StopAndDisposeAsync();
    }

    private static Task<IHost> StartAsync(RabbitMqVirtualHost vhost, ConsumerProbe probe, Action<IBusRegistrationConfigurator> consumers,
        IEnumerable<KeyValuePair<string, string?>> settings) =>
        TestHost.StartAsync(TestConfiguration.Create().Add(vhost.Configuration).Add(settings).Build(), builder =>
        {
            builder.Services.AddSingleton(probe);
            builder.Services.AddBusModule("test", consumers);
            builder.Services.AddRemediationMessaging(builder.Configuration);
        });
}
