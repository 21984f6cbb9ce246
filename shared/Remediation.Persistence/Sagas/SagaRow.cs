namespace Remediation.Persistence.Sagas;

/// <summary>One saga instance as stored: the document, its state name and the version that guards updates.</summary>
public sealed class SagaRow
{
    public required string SagaType { get; set; }

    public Guid CorrelationId { get; set; }

    public string? CurrentState { get; set; }

    /// <summary>Incremented by every update; an update whose version is stale affects no row and is retried.</summary>
    public int Version { get; set; }

    public required string Data { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
