using System.Globalization;

namespace Remediation.Benchmarks.Pipeline;

/// <summary>Latencies in milliseconds and their percentiles (nearest rank).</summary>
internal sealed class Percentiles(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double At(double percentile) => _sorted.Length == 0
        ? double.NaN
        : _sorted[(int)Math.Clamp(Math.Ceiling(percentile / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"p50 {At(50):0.00} ms, p99 {At(99):0.00} ms, max {Max:0.00} ms ({Count} samples)");
}
