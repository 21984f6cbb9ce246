using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Remediation.Testing;

namespace Remediation.Detector.Tests;

/// <summary>
/// A durable queue of the test's own on a virtual host, bound to the exchanges MassTransit publishes the detector's events
/// to, and never consumed: what is in it is exactly what the broker accepted. Read with <see cref="DrainAsync"/>.
/// </summary>
public sealed class BrokerTap
{
    private static readonly string[] Exchanges =
    [
        "Remediation.Contracts.Anomalies:AnomalyDetected",
        "Remediation.Contracts.Anomalies:AnomalyCleared",
        "Remediation.Contracts.Deployments:DeploymentRecorded",
    ];

    private readonly RabbitMqVirtualHost _virtualHost;

    private BrokerTap(RabbitMqVirtualHost virtualHost, string name)
    {
        _virtualHost = virtualHost;
        Name = name;
    }

    public string Name { get; }

    public static async Task<BrokerTap> CreateAsync(RabbitMqVirtualHost virtualHost, string name = "detector-events")
    {
        ArgumentNullException.ThrowIfNull(virtualHost);
        await using var connection = await ConnectAsync(virtualHost);
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false);
        foreach (var exchange in Exchanges)
        {
            // As MassTransit declares a message type's exchange, so that either may declare it first.
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(name, exchange, "");
        }

        return new BrokerTap(virtualHost, name);
    }

    /// <summary>The messages in the queue right now (exact, over AMQP).</summary>
    public async Task<uint> CountAsync() => await _virtualHost.CountMessagesAsync(Name) ?? 0;

    /// <summary>Takes every message out of the queue: its type (<c>AnomalyDetected</c>, ...) and the message as JSON.</summary>
    public async Task<IReadOnlyList<(string Type, JsonElement Message)>> DrainAsync()
    {
        var messages = new List<(string, JsonElement)>();
        await using var connection = await ConnectAsync(_virtualHost);
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync(Name, autoAck: true) is { } delivery)
        {
            using var envelope = JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span));
            var type = envelope.RootElement.GetProperty("messageType")[0].GetString()!;
            messages.Add((type[(type.LastIndexOf(':') + 1)..], envelope.RootElement.GetProperty("message").Clone()));
        }

        return messages;
    }

    private static Task<IConnection> ConnectAsync(RabbitMqVirtualHost virtualHost) => new ConnectionFactory
    {
        HostName = virtualHost.Server.Host,
        Port = virtualHost.Server.Port,
        VirtualHost = virtualHost.Name,
        UserName = virtualHost.Server.Username,
        Password = virtualHost.Server.Password,
        ClientProvidedName = "detector-tests",
    }.CreateConnectionAsync();
}
