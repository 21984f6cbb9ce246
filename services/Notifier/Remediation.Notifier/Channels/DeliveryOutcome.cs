namespace Remediation.Notifier.Channels;

/// <summary>How one delivery run of a notification ended, with what to record.</summary>
public sealed record DeliveryOutcome(DeliveryResult Result, string? Error = null, int? HttpStatus = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryOutcome Delivered(int? status = null) => new(DeliveryResult.Delivered, null, status);

    public static DeliveryOutcome Skipped(string reason) => new(DeliveryResult.Skipped, reason);

    public static DeliveryOutcome Rejected(string error) => new(DeliveryResult.Rejected, error);

    public static DeliveryOutcome From(HttpExchange exchange) =>
        new(exchange.Result, exchange.Succeeded ? null : exchange.ErrorText, exchange.Status, exchange.RetryAfter);
}
