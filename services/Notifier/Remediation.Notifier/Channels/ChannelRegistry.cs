using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Channels;

/// <summary>The configured channels by name, each with its gate and retry pipeline, built once from validated options.</summary>
internal sealed class ChannelRegistry : IDisposable
{
    private readonly Dictionary<string, ConfiguredChannel> _channels = new(StringComparer.OrdinalIgnoreCase);

    public ChannelRegistry(IOptions<NotifierOptions> options, IEnumerable<INotificationChannel> implementations, TimeProvider time)
    {
        var types = implementations.ToDictionary(c => c.Type, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, settings) in options.Value.Channels)
        {
            if (!types.TryGetValue(settings.Type, out var implementation))
                continue; // The validator refuses to start with an unknown type; nothing to build here.

            var events = settings.Events.Count == 0
                ? implementation.DefaultEvents
                : settings.Events.Select(e => Enum.Parse<NotificationKind>(e, ignoreCase: true)).ToHashSet();
            var (perSecond, burst) = implementation.DefaultRateLimit;
            var gate = new ChannelGate(settings.RateLimit.PerSecond ?? perSecond, settings.RateLimit.Burst ?? burst);
            _channels[name] = new ConfiguredChannel(name, settings, implementation, events, gate, BuildPipeline(settings.Retry, time));
        }
    }

    public IReadOnlyCollection<ConfiguredChannel> All => _channels.Values;

    public ConfiguredChannel? Find(string name) => _channels.GetValueOrDefault(name);

    /// <summary>True when some enabled channel hears about this kind of event (otherwise it is not even stored).</summary>
    public bool AnyHandles(NotificationKind kind) => _channels.Values.Any(c => c.Handles(kind));

    /// <summary>
    /// Retries in place: exponential backoff with jitter, or the service's Retry-After when it sent one that is at most
    /// <see cref="ChannelRetryOptions.MaxDelay"/>. A longer Retry-After ends the run, and the notification is rescheduled
    /// for then, so a worker is not held for minutes.
    /// </summary>
    internal static ResiliencePipeline<DeliveryOutcome> BuildPipeline(ChannelRetryOptions retry, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<DeliveryOutcome> { TimeProvider = time };
        if (retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<DeliveryOutcome>
            {
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: OperationCanceledException } => false,
                    { Exception: not null } => true,
                    { Result: { Result: DeliveryResult.Retryable } r } => r.RetryAfter is null || r.RetryAfter <= retry.MaxDelay,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            });
        }

        return builder.Build();
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
            channel.Dispose();
    }
}
