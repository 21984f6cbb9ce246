namespace Remediation.Notifier.Api;

/// <summary>One HTTP request made for a notification.</summary>
public sealed record AttemptView(int Number, string Step, DateTimeOffset StartedAt, double DurationMs, string Outcome, int? HttpStatus, string? Error,
    double? RetryAfterSeconds);
