using System.CommandLine;
using System.Globalization;

namespace Remediation.Benchmarks.Pipeline;

/// <summary>
/// <c>latency</c>: alert received by the detector over HTTP → RollbackRequested consumed by the executor's consumer, over
/// RabbitMQ and PostgreSQL with the decision saga on PostgreSQL, at 100 and at 1,000 alerts a second (each alert an
/// anomaly of its own service, both quorum signals in one Alertmanager notification, so each yields one rollback); and, in
/// the same run on the same broker, a bare durable MassTransit publish → consume with publisher confirms at the same rates.
/// </summary>
internal static class LatencyCommand
{
    public static Command Create()
    {
        var rates = new Option<string>("--rates") { Description = "Alert rates to measure, comma-separated.", DefaultValueFactory = _ => "100,1000" };
        var seconds = new Option<int>("--seconds") { Description = "Seconds measured at each rate (at most 4 at 1,000/s and above: each alert needs a service of its own).", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of warm-up at each rate, after the prewarm (not measured).", DefaultValueFactory = _ => 2 };
        var classic = QueueKind.ClassicOption();
        var command = new Command("latency", "Alert → RollbackRequested consumed by the executor (RabbitMQ + PostgreSQL), p50/p99 at 100 and 1,000 alerts/s, beside a bare publish → consume.")
        {
            rates, seconds, warmup, Prewarm.SecondsOption, Prewarm.RateOption, Stages.Option, classic,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            [.. result.GetValue(rates)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => double.Parse(r, CultureInfo.InvariantCulture))],
            result.GetValue(seconds), result.GetValue(warmup), Prewarm.From(result), result.GetValue(classic), result.GetValue(Stages.Option), cancellationToken));
        return command;
    }

    /// <summary>The design brief's targets: p50 ≤ 5 ms and p99 ≤ 25 ms at 100 alerts/s, p99 ≤ 100 ms at 1,000/s.</summary>
    private static (double P50, double P99) Target(double rate) => rate switch
    {
        <= 100 => (5, 25),
        <= 1000 => (double.NaN, 100),
        _ => (double.NaN, double.NaN),
    };

    private static async Task<int> RunAsync(double[] rates, int seconds, int warmup, Prewarm prewarm, bool classicQueues, bool stages, CancellationToken cancellationToken)
    {
        // Each alert is a new service, so the services a run needs are its whole alert count: a few seconds at 1,000/s.
        var plan = rates.Select(rate => (Rate: rate, Target: Target(rate),
            Warmup: PipelinePolicy.Services($"warm{rate:0}", (int)(rate * warmup)),
            Measured: PipelinePolicy.Services($"rate{rate:0}", (int)(rate * (rate >= 1000 ? Math.Min(seconds, 4) : seconds))))).ToList();

        await using var run = await PipelineRun.StartAsync([.. prewarm.Services, .. plan.SelectMany(p => p.Warmup.Concat(p.Measured))], classicQueues, stages, cancellationToken);
        await prewarm.RunAsync(run, cancellationToken);
        var rows = new List<string>();
        var ok = true;
        foreach (var (rate, target, warm, measured) in plan)
        {
            await run.Bus.RoundTripAsync(rate, warm.Count, cancellationToken);
            var bare = await run.Bus.RoundTripAsync(rate, measured.Count, cancellationToken);
            await run.MeasureAsync(warm, rate, cancellationToken);
            var (pipeline, sending, _, _) = await run.MeasureAsync(measured, rate, cancellationToken);
            var p50Ok = double.IsNaN(target.P50) || pipeline.At(50) <= target.P50;
            var p99Ok = double.IsNaN(target.P99) || pipeline.At(99) <= target.P99;
            ok &= p50Ok && p99Ok && pipeline.Count == measured.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rate:0} alerts/s: {measured.Count} alerts sent in {sending.TotalSeconds:0.00} s; alert → executor: {pipeline.Describe()}; bare publish → consume: {bare.Describe()}"));
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {rate:0} | {pipeline.Count} | {pipeline.At(50):0.00} | {pipeline.At(99):0.00} | {pipeline.Max:0.00} | {bare.At(50):0.00} | {bare.At(99):0.00} | " +
                $"{pipeline.At(50) / bare.At(50):0.0}x / {pipeline.At(99) / bare.At(99):0.0}x | {TargetText(target)}: {(p50Ok && p99Ok ? "met" : "missed")} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"load at the end: {Machine.LoadAverage()}; detector 429/503 retried: {run.Sender.Retried}, failed: {run.Sender.Failed}");
        Console.WriteLine("| alerts/s | anomalies | p50 ms | p99 ms | max ms | bare p50 ms | bare p99 ms | ratio p50 / p99 | target |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        rows.ForEach(Console.WriteLine);
        return ok && run.Sender.Failed == 0 ? 0 : 1;
    }

    private static string TargetText((double P50, double P99) target) =>
        string.Join(" ", new[] { double.IsNaN(target.P50) ? null : $"p50 ≤ {target.P50:0} ms", double.IsNaN(target.P99) ? "none" : $"p99 ≤ {target.P99:0} ms" }.OfType<string>());
}
