using System.Threading.RateLimiting;

namespace Remediation.Notifier.Channels;

/// <summary>
/// What every request of one channel passes through: a token bucket (the channel's rate limit) and a pause that a 429
/// with Retry-After sets for the whole channel, since the service limits the webhook or key, not one incident.
/// </summary>
internal sealed class ChannelGate : IDisposable
{
    private readonly TokenBucketRateLimiter _limiter;
    private readonly Lock _lock = new();
    private DateTimeOffset _pausedUntil;

    public ChannelGate(double perSecond, int burst)
    {
        // One token per period: every 1/rate seconds up to 10 per second; above that, tokens come in tenths of a second
        // so that a fast channel does not wake a timer hundreds of times a second.
        var period = perSecond <= 10 ? TimeSpan.FromSeconds(1 / perSecond) : TimeSpan.FromMilliseconds(100);
        var tokens = perSecond <= 10 ? 1 : (int)Math.Round(perSecond / 10);
        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = Math.Max(1, tokens),
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    public TimeSpan PausedFor(DateTimeOffset now)
    {
        lock (_lock)
            return _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
    }

    public void PauseUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _pausedUntil)
                _pausedUntil = until;
        }
    }

    public void Dispose() => _limiter.Dispose();
}
