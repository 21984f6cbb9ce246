namespace Remediation.Notifier.Channels;

/// <summary>How a request, or a whole delivery, ended.</summary>
public enum DeliveryResult
{
    /// <summary>The service accepted it.</summary>
    Delivered = 0,

    /// <summary>Nothing needed sending.</summary>
    Skipped = 1,

    /// <summary>It failed in a way that may pass later: network error, timeout, 429, 5xx.</summary>
    Retryable = 2,

    /// <summary>The service refused it (4xx): sending it again would fail the same way.</summary>
    Rejected = 3,
}
