using System.ComponentModel.DataAnnotations;

namespace Remediation.Executor.Drivers.Webhook;

/// <summary>How the CD webhook driver calls. Bound from <c>Remediation:Executor:Webhook</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>How long one call may take when the target has no <c>timeout</c> setting.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Calls in all (the first and its retries) on 5xx, 408, 429 and timeouts.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first delay between attempts (exponential with jitter), unless the answer says Retry-After.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between attempts, Retry-After included.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
