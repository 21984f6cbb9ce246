using System.Globalization;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Remediation.Testing;

/// <summary>A test's own virtual host on a <see cref="RabbitMqServer"/>; deleted, with everything in it, on dispose.</summary>
public sealed class RabbitMqVirtualHost : IAsyncDisposable
{
    private int _disposed;

    internal RabbitMqVirtualHost(RabbitMqServer server, string name)
    {
        Server = server;
        Name = name;
        Configuration = new Dictionary<string, string?>
        {
            ["Remediation:Messaging:Transport"] = "RabbitMq",
            ["Remediation:Messaging:RabbitMq:Host"] = server.Host,
            ["Remediation:Messaging:RabbitMq:Port"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["Remediation:Messaging:RabbitMq:VirtualHost"] = name,
            ["Remediation:Messaging:RabbitMq:Username"] = server.Username,
            ["Remediation:Messaging:RabbitMq:Password"] = server.Password,
        };
    }

    public RabbitMqServer Server { get; }

    public string Name { get; }

    /// <summary>The <c>Remediation:Messaging:*</c> pairs that put a host's bus on this virtual host (transport RabbitMq).</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; }

    /// <summary>Every queue of the virtual host with its type (classic, quorum), durability and figures.</summary>
    public Task<IReadOnlyList<RabbitMqQueueInfo>> GetQueuesAsync(CancellationToken cancellationToken = default) =>
        Server.GetQueuesAsync(Name, cancellationToken);

    /// <summary>One queue, or null when it does not exist (yet).</summary>
    public async Task<RabbitMqQueueInfo?> GetQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        (await GetQueuesAsync(cancellationToken)).SingleOrDefault(q => q.Name == queue);

    /// <summary>
    /// The messages ready in a queue right now, asked over AMQP (exact, unlike the management API's sampled figures);
    /// null when the queue does not exist.
    /// </summary>
    public async Task<uint?> CountMessagesAsync(string queue, CancellationToken cancellationToken = default)
    {
        var factory = new ConnectionFactory
        {
            HostName = Server.Host,
            Port = Server.Port,
            VirtualHost = Name,
            UserName = Server.Username,
            Password = Server.Password,
            ClientProvidedName = "remediation-tests",
        };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            return declared.MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            await Server.DeleteVirtualHostAsync(Name, CancellationToken.None);
    }

    public override string ToString() => $"{Server.Host}:{Server.Port}/{Name}";
}
