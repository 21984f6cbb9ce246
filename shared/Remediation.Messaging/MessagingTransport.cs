namespace Remediation.Messaging;

public enum MessagingTransport
{
    /// <summary>MassTransit's in-memory transport: every module in one process (the standalone host).</summary>
    InMemory = 0,

    /// <summary>RabbitMQ: durable queues, publisher confirms, quorum queues when configured.</summary>
    RabbitMq = 1,
}
