using System.Diagnostics;

namespace Remediation.Benchmarks.Pipeline;

/// <summary>
/// Starts work at a steady rate whatever the previous work takes (an open loop, as alerts arrive): item i is started
/// i / rate seconds after the first, in ticks of a millisecond.
/// </summary>
internal static class OpenLoop
{
    public static async Task RunAsync(double rate, int count, Action<int> start, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        var next = 0;
        while (next < count)
        {
            var due = Math.Min(count, (int)(clock.Elapsed.TotalSeconds * rate) + 1);
            for (; next < due; next++)
                start(next);
            if (next < count)
                await timer.WaitForNextTickAsync(cancellationToken);
        }
    }
}
