namespace Remediation.Detector.State;

/// <summary>
/// A message written in the same transaction as the state change that produced it, and deleted once the broker confirmed
/// it: a crash or a broker outage between the two loses nothing (the sweep publishes what is left).
/// </summary>
public sealed class OutboxRow
{
    public long Id { get; set; }

    public required string MessageType { get; set; }

    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }
}
