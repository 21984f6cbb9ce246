namespace Remediation.SampleService;

/// <summary>
/// How this version of the service misbehaves: the share of requests it fails and the time each takes. Changeable at run
/// time (a version that was healthy can turn bad, as when a later release changed data it depends on). Failures are
/// spread evenly rather than drawn at random, so a ratio shows as that ratio in any window of requests.
/// </summary>
public sealed class Behaviour
{
    private readonly Lock _gate = new();
    private double _errorRatio;
    private TimeSpan _latency;
    private long _requests;
    private long _failures;

    public Behaviour(double errorRatio, int latencyMs) => Set(errorRatio, latencyMs);

    public double ErrorRatio
    {
        get
        {
            lock (_gate)
                return _errorRatio;
        }
    }

    public int LatencyMs
    {
        get
        {
            lock (_gate)
                return (int)_latency.TotalMilliseconds;
        }
    }

    /// <summary>Null when the values are acceptable, else what is wrong with them.</summary>
    public static string? Check(double errorRatio, int latencyMs) =>
        errorRatio is < 0 or > 1 || double.IsNaN(errorRatio) ? $"errorRatio must be between 0 and 1, not {errorRatio}"
        : latencyMs is < 0 or > 60_000 ? $"latencyMs must be between 0 and 60000, not {latencyMs}"
        : null;

    public void Set(double errorRatio, int latencyMs)
    {
        if (Check(errorRatio, latencyMs) is { } problem)
            throw new ArgumentOutOfRangeException(nameof(errorRatio), problem);
        lock (_gate)
        {
            _errorRatio = errorRatio;
            _latency = TimeSpan.FromMilliseconds(latencyMs);
            _requests = 0;
            _failures = 0;
        }
    }

    /// <summary>What the next request gets: whether it fails, and how long it takes.</summary>
    public (bool Fail, TimeSpan Latency) Next()
    {
        lock (_gate)
        {
            _requests++;
            var fail = (long)Math.Floor(_requests * _errorRatio) > _failures;
            if (fail)
                _failures++;
            return (fail, _latency);
        }
    }
}
