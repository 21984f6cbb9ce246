namespace Remediation.Benchmarks.Ingestion;

/// <summary>What one load phase measured.</summary>
internal sealed record LoadResult(string Target, long Sent, int Requests, TimeSpan Elapsed, int AlertsPerRequest, long[] LatencyTicks, int Ok, int TooMany, int ServerErrors, int OtherErrors)
{
    public double RequestsPerSecond => Ok / Elapsed.TotalSeconds;

    public double AlertsPerSecond => RequestsPerSecond * AlertsPerRequest;

    public double Percentile(double p)
    {
        if (LatencyTicks.Length == 0)
            return double.NaN;
        var sorted = LatencyTicks.Order().ToArray();
        var index = (int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
    }
}
