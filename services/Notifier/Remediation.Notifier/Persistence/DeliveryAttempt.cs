namespace Remediation.Notifier.Persistence;

/// <summary>One HTTP request made to deliver a notification: what was tried, how it answered, how long it took.</summary>
public sealed class DeliveryAttempt
{
    public long Id { get; set; }

    public long NotificationId { get; set; }

    /// <summary>1 for the first request of the notification, then 2, 3, ...</summary>
    public int Number { get; set; }

    /// <summary>What the request did: <c>post</c>, <c>trigger</c>, <c>create</c>, <c>comment</c>, <c>update</c>, <c>resolve</c>, ...</summary>
    public string Step { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public double DurationMs { get; set; }

    /// <summary><c>delivered</c>, <c>retryable</c> or <c>rejected</c>.</summary>
    public string Outcome { get; set; } = "";

    public int? HttpStatus { get; set; }

    /// <summary>The service's error text (its response body, truncated) or the network error; never credentials.</summary>
    public string? Error { get; set; }

    public double? RetryAfterSeconds { get; set; }
}
