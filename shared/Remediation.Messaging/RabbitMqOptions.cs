namespace Remediation.Messaging;

/// <summary>How to reach RabbitMQ. No default host: it must be configured.</summary>
public sealed class RabbitMqOptions
{
    public string? Host { get; set; }

    public ushort Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Declare receive queues as quorum queues (replicated; RabbitMQ 3.8+). Changing it needs new queues.</summary>
    public bool UseQuorumQueues { get; set; }

    /// <summary>Messages fetched ahead per consumer.</summary>
    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>Use TLS (amqps).</summary>
    public bool UseTls { get; set; }
}
