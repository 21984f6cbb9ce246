namespace Remediation.Notifier.Channels;

/// <summary>One request to a channel's service and how it answered.</summary>
public sealed record HttpExchange
{
    /// <summary>The HTTP status, or null when no response came (network error, timeout).</summary>
    public int? Status { get; init; }

    /// <summary>The response body (capped), for error texts and the ids the service gave back.</summary>
    public string Body { get; init; } = "";

    /// <summary>The service's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>What went wrong on the way, when no response came.</summary>
    public string? NetworkError { get; init; }

    public DeliveryResult Result { get; init; }

    public bool Succeeded => Result == DeliveryResult.Delivered;

    /// <summary>The error as recorded: the service's own text (Slack's <c>invalid_payload</c>, PagerDuty's errors, ...).</summary>
    public string ErrorText => NetworkError ?? (Body.Length > 0 ? Body : $"HTTP {Status}");

    /// <summary>
    /// The usual reading of a status: 2xx delivered; 408, 420 (Statuspage's "enhance your calm"), 425, 429 and 5xx worth
    /// retrying, as is no response at all; any other 4xx refused.
    /// </summary>
    public static DeliveryResult Classify(int? status) => status switch
    {
        null => DeliveryResult.Retryable,
        >= 200 and < 300 => DeliveryResult.Delivered,
        408 or 420 or 425 or 429 or >= 500 => DeliveryResult.Retryable,
        _ => DeliveryResult.Rejected,
    };
}
