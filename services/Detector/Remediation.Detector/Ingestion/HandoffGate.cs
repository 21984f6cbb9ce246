using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Remediation.Detector.Options;

namespace Remediation.Detector.Ingestion;

/// <summary>Bounds the hand-offs (requests with something new) running and waiting; beyond that the detector answers 429.</summary>
public sealed class HandoffGate(IOptions<DetectorOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrentHandoffs,
        QueueLimit = options.Value.MaxQueuedHandoffs,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    public void Dispose() => _limiter.Dispose();
}
