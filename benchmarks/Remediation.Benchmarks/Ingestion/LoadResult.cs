namespace Remediation.Benchmarks.Ingestion;

/// <summary>What one load phase measured.</summary>
internal sealed record LoadResult(string Target, long Sent, int Requests, TimeSpan Elapsed, int AlertsPerRequest, long[] LatencyTicks, int Ok, int TooMany, int ServerErrors, int OtherErrors)
{
    public double RequestsPerSecond => Ok / Elapsed.TotalSeconds;

    public double AlertsPerSecond => RequestsPerSecond * AlertsPerRequest;

    /// <summary>Latencies of the requests that carried something new (the durable hand-off path).</summary>
    public long[] NewLatencyTicks { get; init; } = [];

    public double Percentile(double p) => Percentile(LatencyTicks, p);

    public static double Percentile(long[] ticks, double p)
    {
        if (ticks.Length == 0)
            return double.NaN;
        var sorted = ticks.Order().ToArray();
        var index = (int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
    }
}
