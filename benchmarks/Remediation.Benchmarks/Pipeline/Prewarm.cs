using System.CommandLine;
using System.Globalization;

namespace Remediation.Benchmarks.Pipeline;

/// <summary>
/// Alerts sent before anything is measured, so that the hosts are measured warm. A freshly started .NET process runs its
/// code through the JIT's tiers first (quick tier-0 code, then instrumented, then optimized, compiled on background
/// threads): on this machine that took more than half of the three hosts' CPU for the first minute of traffic, and a
/// 100 alerts/s run measured straight after start-up gave p50 150–270 ms where the same run after 30 s of traffic gave
/// 16–19 ms. A service that has been up for a while has done this long ago, so that is what the figures describe.
/// </summary>
internal sealed record Prewarm(int Seconds, double Rate)
{
    public static readonly Option<int> SecondsOption = new("--prewarm")
    {
        Description = "Seconds of alerts sent at --prewarm-rate before anything is measured (0: none).",
        DefaultValueFactory = _ => 30,
    };

    public static readonly Option<double> RateOption = new("--prewarm-rate")
    {
        Description = "Alerts a second while prewarming.",
        DefaultValueFactory = _ => 100,
    };

    public static Prewarm From(ParseResult result) => new(result.GetValue(SecondsOption), result.GetValue(RateOption));

    public IReadOnlyList<string> Services { get; } =
        Seconds > 0 ? PipelinePolicy.Services("prewarm", (int)(Rate * Seconds)) : [];

    public async Task RunAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        if (Services.Count == 0)
            return;
        var (latency, sending, _, _) = await run.MeasureAsync(Services, Rate, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prewarm (not measured): {Services.Count} alerts at {Rate:0}/s in {sending.TotalSeconds:0.0} s; alert → executor {latency.Describe()}"));
    }
}
