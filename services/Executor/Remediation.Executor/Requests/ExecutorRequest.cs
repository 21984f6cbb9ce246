namespace Remediation.Executor.Requests;

/// <summary>
/// One request the executor received (table <c>executor_requests</c>): claimed once by its id, held by one attempt at a
/// time through a renewed lease, and closed with the outcome that was published — which a redelivery publishes again.
/// </summary>
public sealed class ExecutorRequest
{
    public Guid RequestId { get; set; }

    /// <summary><c>rollback</c> or <c>remediation</c>.</summary>
    public string Kind { get; set; } = "";

    public Guid IncidentId { get; set; }

    public string Environment { get; set; } = "";

    public string Service { get; set; } = "";

    /// <summary>The driver that acted (filled in when the outcome is stored).</summary>
    public string? Driver { get; set; }

    /// <summary>The request message as received (JSON).</summary>
    public string Request { get; set; } = "";

    public ExecutorRequestState State { get; set; }

    /// <summary>The attempt holding the request (unique per attempt).</summary>
    public string? Owner { get; set; }

    /// <summary>Until when <see cref="Owner"/> holds it; renewed while it works, so a lapsed lease means that attempt is gone.</summary>
    public DateTimeOffset LeaseUntil { get; set; }

    /// <summary>When the request was first claimed (the StartedAt of its outcome).</summary>
    public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>When an attempt was about to change the target (null: nothing was attempted yet).</summary>
    public DateTimeOffset? ActedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>The outcome message's type name (<c>RollbackCompleted</c>, <c>RollbackFailed</c>, ...).</summary>
    public string? OutcomeType { get; set; }

    /// <summary>The outcome message as published (JSON).</summary>
    public string? Outcome { get; set; }

    public string? ReasonCode { get; set; }

    /// <summary>Optimistic concurrency: an attempt takes a lapsed request over only if nobody else did first.</summary>
    public int Version { get; set; }
}
