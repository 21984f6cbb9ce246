namespace Remediation.Testing;

/// <summary>A queue as the management API reports it. <see cref="Messages"/> lags by the broker's statistics interval.</summary>
public sealed record RabbitMqQueueInfo(string Name, string Type, bool Durable, long Messages, int Consumers)
{
    public bool IsQuorum => Type == "quorum";
}
