using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Remediation.Detector.Ingestion;
using Remediation.Detector.Options;

namespace Remediation.Detector.State;

/// <summary>
/// Loads the stored states when the host starts, then at every sweep interval lets time pass for services with
/// recovering signals (the end of flap suppression clears anomalies) and publishes what is left in the outbox.
/// </summary>
internal sealed class DetectorSweeper(
    ServiceStateStore store,
    SignalPipeline pipeline,
    OutboxPublisher outbox,
    IOptionsMonitor<DetectorOptions> options,
    TimeProvider time,
    ILogger<DetectorSweeper> logger) : BackgroundService
{
    private DateTimeOffset _startedAt;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _startedAt = time.GetUtcNow();
        try
        {
            await store.LoadAllAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Requests load states one by one until a sweep manages to load them all.
            logger.LogWarning(ex, "Loading the detector's state failed; retrying in the background");
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loaded = store.IsLoaded;
        var firstOutboxSweep = true;
        using var timer = new PeriodicTimer(options.CurrentValue.SweepInterval, time);
        do
        {
            try
            {
                if (!loaded)
                {
                    await store.LoadAllAsync(stoppingToken);
                    loaded = true;
                }

                foreach (var key in store.Recovering())
                    await pipeline.TickAsync(key, stoppingToken);

                await outbox.RemoveConfirmedAsync(stoppingToken);

                // At start everything in the outbox from before the start is left over; later only entries old enough not to be in flight.
                var olderThan = firstOutboxSweep ? _startedAt : time.GetUtcNow() - options.CurrentValue.OutboxRetryAfter;
                await outbox.RetryPendingAsync(olderThan, stoppingToken);
                firstOutboxSweep = false;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Detector sweep failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // Confirmed messages leave the outbox now rather than being published again by the next start.
            await outbox.RemoveConfirmedAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Removing confirmed messages from the outbox failed; the next start publishes them again");
        }
    }
}
