using System.Globalization;

namespace Remediation.EndToEnd.Tests.Stack;

/// <summary>
/// The timings of one run. By default Prometheus scrapes and evaluates every second, which keeps the suite within a few
/// minutes. <c>REMEDIATION_E2E_INTERVAL=5s</c> runs the same scenarios with 5 s scrape and evaluation intervals (the
/// figure docs/benchmarks.md records); everything that depends on the interval scales with it.
/// </summary>
public sealed record PipelineSettings
{
    public const string IntervalVariable = "REMEDIATION_E2E_INTERVAL";

    /// <summary>Prometheus' scrape and rule evaluation interval.</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>The rate window of the alert rules: a few scrapes, so one late scrape does not make a rate disappear.</summary>
    public required TimeSpan RateWindow { get; init; }

    /// <summary>Alertmanager's group_wait and group_interval (1 s in both modes: the intervals measured are Prometheus').</summary>
    public TimeSpan GroupWait { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan GroupInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The policy's verify_for: how long a deployed version soaks before it is trusted, and how long a version rolled back
    /// to must stay healthy. It must comfortably exceed the time the alerts take to resolve after a good rollback (rate
    /// window, evaluation, Alertmanager, the detector's flap suppression) on a busy machine, or a good version would be
    /// taken for a bad one.
    /// </summary>
    public required TimeSpan VerifyFor { get; init; }

    public TimeSpan FlapSuppression { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Requests per second the load generator sends to each environment's HAProxy.</summary>
    public double RatePerSecond { get; init; } = 20;

    /// <summary>How a bad version behaves: every second request fails, and every request is slower than the 500 ms p99 threshold.</summary>
    public double BadErrorRatio { get; init; } = 0.5;

    public int BadLatencyMs { get; init; } = 800;

    /// <summary>The generous bound on bad deploy → rollback done that the tests assert (the figure itself is printed).</summary>
    public required TimeSpan RollbackBound { get; init; }

    public static PipelineSettings FromEnvironment()
    {
        var text = System.Environment.GetEnvironmentVariable(IntervalVariable);
        var interval = string.IsNullOrWhiteSpace(text) ? TimeSpan.FromSeconds(1) : ParseSeconds(text.Trim());
        return new PipelineSettings
        {
            Interval = interval,
            RateWindow = interval * 5,
            VerifyFor = TimeSpan.FromSeconds(20) + interval * 8,
            RollbackBound = TimeSpan.FromSeconds(60) + interval * 6,
        };
    }

    /// <summary>Prometheus' duration syntax (whole seconds, or milliseconds below a second).</summary>
    public static string Format(TimeSpan span) => span.TotalSeconds >= 1 && span.Milliseconds == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalSeconds}s")
        : string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalMilliseconds}ms");

    private static TimeSpan ParseSeconds(string text)
    {
        var number = text.EndsWith('s') ? text[..^1] : text;
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0.5 and <= 60
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"{IntervalVariable}='{text}' is not an interval between 0.5s and 60s (for example 5s).");
    }
}
