namespace Remediation.Detector.State;

/// <summary>One service's <see cref="Evaluation.ServiceState"/>, stored as a JSON document.</summary>
public sealed class ServiceStateRow
{
    public required string Environment { get; set; }

    public required string Service { get; set; }

    public required string Document { get; set; }

    /// <summary>Incremented on every write (one writer per service: the store's lock).</summary>
    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
