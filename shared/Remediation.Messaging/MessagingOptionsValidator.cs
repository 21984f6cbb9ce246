using Microsoft.Extensions.Options;

namespace Remediation.Messaging;

/// <summary>Checked when the host starts: a RabbitMQ transport without a host, or bad retry intervals, stop it.</summary>
internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var failures = new List<string>();
        if (options.Transport == MessagingTransport.RabbitMq)
        {
            if (string.IsNullOrWhiteSpace(options.RabbitMq.Host))
                failures.Add($"{MessagingOptions.Section}:RabbitMq:Host is required when the transport is RabbitMq.");
            if (string.IsNullOrWhiteSpace(options.RabbitMq.Username) != string.IsNullOrWhiteSpace(options.RabbitMq.Password))
                failures.Add($"{MessagingOptions.Section}:RabbitMq:Username and Password go together.");
            if (options.RabbitMq.PrefetchCount == 0)
                failures.Add($"{MessagingOptions.Section}:RabbitMq:PrefetchCount must be at least 1.");
        }

        if (options.RetryIntervals.Any(i => i < TimeSpan.Zero))
            failures.Add($"{MessagingOptions.Section}:RetryIntervals must not be negative.");
        if (string.IsNullOrWhiteSpace(options.SchedulerQueue))
            failures.Add($"{MessagingOptions.Section}:SchedulerQueue is required.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
