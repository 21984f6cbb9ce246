namespace Remediation.Detector.Ingestion;

/// <summary>How a hand-off ended.</summary>
public enum SubmitStatus
{
    /// <summary>Whatever was new is stored and published (or there was nothing new).</summary>
    Accepted = 0,

    /// <summary>Too many hand-offs at once: 429, retry later.</summary>
    Overloaded = 1,

    /// <summary>The database failed: nothing was changed, 503.</summary>
    StorageUnavailable = 2,

    /// <summary>The broker did not confirm in time: the change is stored and its messages wait in the outbox, 503.</summary>
    BrokerUnavailable = 3,
}

/// <summary>The result of handing reports to the pipeline.</summary>
public sealed record SubmitOutcome(SubmitStatus Status, int New, int Duplicates, int Published);
